// @ts-check
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { pluginConsoleCopy } from './src/verification/ec-console-copy.mjs';
import { pluginLazyBlocks } from './src/verification/ec-lazy.mjs';
import { pluginVaryingOutput } from './src/verification/ec-varying.mjs';

export default defineEcConfig({
	// The lazy-blocks plugin last: it takes each block as the others left it.
	plugins: [pluginConsoleCopy(), pluginVaryingOutput(), pluginLazyBlocks()],
});
