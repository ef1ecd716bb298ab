/*
 * The engine's tests reset, stop and restart their engine, so they use an instance of their own
 * (own data root, socket, bridge, subnet and mirror port): the examples suite and a contributor's
 * `npm run engine -- up` keep theirs. Import this module first in every engine test file.
 */
process.env['LAYERBOOK_INSTANCE'] ??= 'test';

export const instance = process.env['LAYERBOOK_INSTANCE'];
