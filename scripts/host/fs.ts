/** Small file-system helpers, one of each for the project. */
import { access } from 'node:fs/promises';

export async function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false,
	);
}
