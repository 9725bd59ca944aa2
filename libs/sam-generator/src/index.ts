export * from './cli-options';
export * from './diagnostics';
export * from './generate';
export * from './model';
export * from './runtimes';
export { mapAwsBaseImage, mapBaseImages, toolsOurBasesLack } from './image-functions';
export * from './summary';
export { isWithin, staysInside } from './template-safety';
export { BUILDER_IMAGES, builderImage, DependencyBuild, namesLocalPaths } from './builds';
export {
  CODE_DIRECTORY,
  declaredBaseImage,
  declaredImages,
  INDEX_BUILD_ARGS,
  layerDirectory,
  ownImagesOf,
} from './dockerfile';
export { functionDirectory, imageName, isGeneratedFile } from './render';
