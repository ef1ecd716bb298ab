/** Mount points under given folders, deepest first, lazily unmounted: one way for the whole project. */
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';

/** The kernel writes a space, tab, newline and backslash in a mountinfo path as `\040`, `\011`, `\012`, `\134`. */
function unescapeMountPath(field: string): string {
	return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

export function mountsUnder(mountinfo: string, roots: readonly string[]): string[] {
	return mountinfo
		.split('\n')
		.map((line) => unescapeMountPath(line.split(' ')[4] ?? ''))
		.filter((point) => roots.some((root) => point === root || point.startsWith(`${root}/`)))
		.sort((a, b) => b.length - a.length);
}

export async function unmountUnder(roots: readonly string[]): Promise<void> {
	for (const point of mountsUnder(await readFile('/proc/self/mountinfo', 'utf8'), roots)) await execa('umount', ['-l', point], { reject: false });
}
