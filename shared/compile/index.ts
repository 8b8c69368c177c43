export * from './RuntimePlan';
export * from './compileFlow';
export * from './mqttIdentifiers';
