/** Whether a module is the script node was started with, for CLI files that are also imported. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Compared as real paths: run through a symlink, `process.argv[1]` names the link while
 * `import.meta.url` names its target, and a folder with spaces or Korean letters is spelled
 * percent-encoded in a URL.
 */
export function isMain(moduleUrl: string, entry: string | undefined = process.argv[1]): boolean {
	if (entry === undefined) return false;
	try {
		return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
	} catch {
		// An entry that does not exist (node -e, a REPL) is not this module.
		return false;
	}
}
