// Hooks build images (app images, the DinD base) that took minutes on a loaded 2-core machine.
jest.setTimeout(420_000);
