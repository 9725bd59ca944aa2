export * from './cli-options';
export * from './diagnostics';
export * from './generate';
export * from './model';
export * from './summary';
export {
  CODE_DIRECTORY,
  declaredBaseImage,
  functionDirectory,
  imageName,
  isGeneratedFile,
  layerDirectory,
} from './render';
