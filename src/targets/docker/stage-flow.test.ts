import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.js';
import { copyReachesImage } from './stage-flow.js';

/** Whether each whole-context COPY of the file reaches the image built from its last stage. */
function reaching(text: string): boolean[] {
  const dockerfile = parseDockerfile('Dockerfile', text);
  return dockerfile.stages.flatMap((stage) =>
    stage.instructions.filter((instruction) => instruction.keyword === 'COPY' && !instruction.flags.has('from') && instruction.words[0] === '.').map((copy) => copyReachesImage(dockerfile, stage, copy, dockerfile.finalStage!)),
  );
}

describe('copyReachesImage', () => {
  it('follows WORKDIR (relative, inherited through FROM) and COPY --from paths, flags and globs', () => {
    expect(reaching('FROM golang AS b\nWORKDIR /src\nWORKDIR app\nCOPY . .\nFROM alpine\nCOPY --from=b --chown=1:1 /src/app/bin/x /x\n')).toEqual([false]);
    expect(reaching('FROM golang AS b\nWORKDIR /src\nWORKDIR app\nCOPY . .\nFROM alpine\nCOPY --from=b --link /src/ /srv/\n')).toEqual([true]);
    expect(reaching('FROM node AS b\nWORKDIR /app\nCOPY . ./src\nFROM node\nCOPY --from=b /app/*.json /app/\n')).toEqual([true]);
    expect(reaching('FROM node AS base\nWORKDIR /app\nFROM base AS b\nCOPY . .\nFROM node\nCOPY --from=B /app/dist /dist\n')).toEqual([false]);
    expect(reaching('FROM node AS b\nCOPY . .\nFROM node\nCOPY --from=b . /app\n')).toEqual([true]);
  });

  it('counts a copy it cannot place as reaching: a variable in WORKDIR or in the source', () => {
    expect(reaching('FROM node AS b\nWORKDIR $HOME/app\nCOPY . .\nFROM node\nCOPY --from=b /x /x\n')).toEqual([true]);
    expect(reaching('FROM node AS b\nWORKDIR /app\nCOPY . .\nFROM node\nARG DIR=/app\nCOPY --from=b ${DIR}/dist /dist\n')).toEqual([true]);
  });

  it('follows a stage built FROM the one that copied', () => {
    expect(reaching('FROM node AS deps\nWORKDIR /app\nCOPY . .\nFROM deps AS build\nRUN npm run build\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n')).toEqual([false]);
    expect(reaching('FROM node AS deps\nWORKDIR /app\nCOPY . .\nFROM deps AS build\nFROM nginx\nCOPY --from=build /app /srv\n')).toEqual([true]);
  });
});
