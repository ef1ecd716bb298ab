// @ts-check
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { pluginConsoleCopy } from './src/verification/ec-console-copy.mjs';

export default defineEcConfig({
	plugins: [pluginConsoleCopy()],
});
