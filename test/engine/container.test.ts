import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// This machine cannot pull images, so the container files are checked against what is tested: the
// image runs exactly the production command the start-up tests run (package.json's start script).
const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts
  .start;
const dockerfile = readFileSync('Dockerfile', 'utf8');
const compose = readFileSync('compose.yaml', 'utf8');

describe('the container', () => {
  it('runs the production command, as one process that gets the signals', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(start.split(' '));
    expect(start.startsWith('node ')).toBe(true); // not npm or tsx's launcher, which leave a child behind
  });

  it('runs as a non-root user with the corpus and the data on volumes', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/app\/corpus", "\/app\/data"\]$/m);
    expect(compose).toMatch(/restart: unless-stopped/);
  });

  it('checks health on the port the bot serves it on', () => {
    expect(dockerfile).toContain('HEALTH_PORT=8080');
    expect(dockerfile).toContain("fetch('http://127.0.0.1:8080/readyz')");
    expect(compose).toContain("fetch('http://127.0.0.1:8080/readyz')");
    expect(compose).toMatch(/HEALTH_PORT: "8080"/);
  });
});
