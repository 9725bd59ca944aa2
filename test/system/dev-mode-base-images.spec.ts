import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBaseImages, requiredBaseImages } from '../../scripts/dev/build-steps';
import { DevSetupError } from '../../scripts/dev/files';

const NODE_RUNTIME = 'onpre-lambda/runtime-nodejs:20';
const PYTHON_RUNTIME = 'onpre-lambda/runtime-python:3.11';

describe('requiredBaseImages', () => {
  const out = mkdtempSync(join(tmpdir(), 'dev-base-images-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('collects the distinct ARG BASE_IMAGE defaults of the generated Dockerfiles', () => {
    const contexts = { a: NODE_RUNTIME, b: PYTHON_RUNTIME, c: NODE_RUNTIME };
    for (const [name, base] of Object.entries(contexts)) {
      mkdirSync(join(out, 'functions', name), { recursive: true });
      writeFileSync(join(out, 'functions', name, 'Dockerfile'), `ARG BASE_IMAGE=${base}\nFROM x\n`);
    }
    mkdirSync(join(out, 'functions', 'not-a-context'));
    expect(requiredBaseImages(out)).toEqual([NODE_RUNTIME, PYTHON_RUNTIME]);
  });

  it('adds builder images and the mapped FROM images of image functions, not foreign or stage ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-base-images-'));
    const dockerfiles = {
      go: 'ARG BASE_IMAGE=onpre-lambda/runtime-provided:al2023\nARG BUILD_IMAGE=onpre-lambda/build-go:latest\nFROM ${BUILD_IMAGE} AS build\nFROM ${BASE_IMAGE}\n',
      img: 'FROM onpre-lambda/build-nodejs:20 AS deps\nFROM --platform=linux/amd64 onpre-lambda/image-nodejs:20\nFROM deps\nFROM debian:bookworm\n',
    };
    for (const [name, text] of Object.entries(dockerfiles)) {
      mkdirSync(join(dir, 'functions', name), { recursive: true });
      writeFileSync(join(dir, 'functions', name, 'Dockerfile'), text);
    }
    try {
      expect(requiredBaseImages(dir)).toEqual([
        'onpre-lambda/build-go:latest',
        'onpre-lambda/build-nodejs:20',
        'onpre-lambda/image-nodejs:20',
        'onpre-lambda/runtime-provided:al2023',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ensureBaseImages (the cases that decide without building)', () => {
  const present = (images: string[]) => async (image: string) => images.includes(image);
  const path = process.env.PATH;
  afterEach(() => (process.env.PATH = path));

  it('does nothing when every needed image is present', async () => {
    await expect(
      ensureBaseImages('/nowhere', [NODE_RUNTIME], present([NODE_RUNTIME])),
    ).resolves.toBeUndefined();
  });

  it('never pulls an image it cannot make: names it and the way out', async () => {
    const attempt = ensureBaseImages('/nowhere', ['public.ecr.aws/lambda/nodejs:20'], present([]));
    await expect(attempt).rejects.toThrow(DevSetupError);
    await expect(
      ensureBaseImages('/nowhere', ['public.ecr.aws/lambda/nodejs:20'], present([])),
    ).rejects.toThrow(/public\.ecr\.aws\/lambda\/nodejs:20 .*never pulls/);
  });

  it('says how to get debootstrap instead of installing it', async () => {
    process.env.PATH = '/nonexistent';
    await expect(ensureBaseImages('/nowhere', [PYTHON_RUNTIME], present([]))).rejects.toThrow(
      /debootstrap, which is not installed.*apt-get install -y debootstrap/,
    );
  });
});
