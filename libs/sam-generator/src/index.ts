export * from './cli-options';
export * from './diagnostics';
export * from './generate';
export * from './model';
export { CODE_DIRECTORY, functionDirectory, imageName, layerDirectory } from './render';
