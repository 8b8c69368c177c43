export * from './FlowDocument';
export * from './loadFlow';
export * from './migrateFlow';
export * from './formatPath';
