/*
 * The engine's tests reset, stop and restart their engine, so they use an instance of their own
 * (own data root, socket, bridge, subnet and mirror port): the examples suite and a contributor's
 * `npm run engine -- up` keep theirs. Import this module first in every engine test file.
 */
process.env['LAYERBOOK_INSTANCE'] ??= 'test';
// These tests are about the engine's own daemon; the decoy test names an external one itself.
delete process.env['LAYERBOOK_DOCKER_HOST'];

export const instance = process.env['LAYERBOOK_INSTANCE'];
