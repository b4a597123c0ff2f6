/**
 * A one-line progress bar on stderr when it is a terminal; nothing when piped, so logs and CI output
 * stay clean.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  let lastDrawn = 0;
  return {
    update(done: number, total: number): void {
      if (!enabled || total === 0) return;
      const now = Date.now();
      if (done < total && now - lastDrawn < 100) return;
      lastDrawn = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) stream.write('\n');
    },
  };
}
