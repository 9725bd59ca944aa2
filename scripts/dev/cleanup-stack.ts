/** Undo steps of what a run started, run in reverse order on the way out; failures are reported. */
export class CleanupStack {
  private readonly steps: Array<{ what: string; undo: () => Promise<unknown> }> = [];

  push(what: string, undo: () => Promise<unknown>): void {
    this.steps.push({ what, undo });
  }

  get empty(): boolean {
    return this.steps.length === 0;
  }

  async runAll(): Promise<void> {
    for (const { what, undo } of this.steps.splice(0).reverse()) {
      await undo().catch((error: Error) => console.error(`dev: ${what}: ${error.message}`));
    }
  }
}
