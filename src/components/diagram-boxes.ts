/** The edges of same-sized boxes drawn around named centres, as the lifecycle and network drawings place their boxes. */
export interface BoxEdges<Name extends string> {
	left: (name: Name) => number;
	right: (name: Name) => number;
	top: (name: Name) => number;
	bottom: (name: Name) => number;
}

export function boxEdges<Name extends string>(centres: Readonly<Record<Name, { x: number; y: number }>>, width: number, height: number): BoxEdges<Name> {
	return {
		left: (name) => centres[name].x - width / 2,
		right: (name) => centres[name].x + width / 2,
		top: (name) => centres[name].y - height / 2,
		bottom: (name) => centres[name].y + height / 2,
	};
}
