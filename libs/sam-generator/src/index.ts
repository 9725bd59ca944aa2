export * from './cli-options';
export * from './diagnostics';
export * from './generate';
export * from './model';
export * from './runtimes';
export * from './summary';
export { isWithin, staysInside } from './template-safety';
export {
  CODE_DIRECTORY,
  declaredBaseImage,
  functionDirectory,
  imageName,
  isGeneratedFile,
  layerDirectory,
} from './render';
