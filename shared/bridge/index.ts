export * from './bridgeMethods';
export * from './bridgeEvents';
export * from './bridgeProtocol';
export * from './BridgeError';
export * from './BridgeClient';
export * from './checkBridgeMessage';
export * from './runEventSchemas';
export * from './isReplayOnlyRun';
