/** Invoked asynchronously by the ticker; `fail` makes it throw (retried, then OnFailure). */
exports.worker = async (event) => {
  console.log('WORK ' + JSON.stringify(event));
  if (event.fail) throw new Error('failing on purpose for ' + event.tick);
  return { worked: event.tick };
};

/** Destination records, the scheduler's Input and by-hand runs: logged for the test to read. */
exports.recorder = async (event) => {
  console.log('RECORD ' + JSON.stringify(event));
  return {};
};
