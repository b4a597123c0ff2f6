/**
 * Output piped into a reader that stops early (`… | head -1`) closes the pipe: the next write fails
 * with EPIPE. That is the reader's choice, not an error: exit quietly instead of printing a stack.
 */
export function exitQuietlyWhenPipeCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
