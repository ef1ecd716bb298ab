/** A stable id from a drawing's title: reproducible builds, and two drawings on one page do not clash. */
export function diagramId(prefix: string, title: string): string {
	return `${prefix}-${[...title].reduce((hash, char) => (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0, 7).toString(36)}`;
}
