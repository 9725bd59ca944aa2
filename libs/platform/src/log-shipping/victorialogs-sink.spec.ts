import { jsonLinesUrl } from './victorialogs-sink';

describe('jsonLinesUrl', () => {
  const query = '?_stream_fields=service%2Ccontainer_name&_msg_field=_msg&_time_field=_time';
  it.each([
    ['http://victorialogs:9428', `http://victorialogs:9428/insert/jsonline${query}`],
    ['http://victorialogs:9428/', `http://victorialogs:9428/insert/jsonline${query}`],
    ['https://logs.example/vl', `https://logs.example/vl/insert/jsonline${query}`],
  ])('%s', (base, expected) => {
    expect(jsonLinesUrl(base).toString()).toBe(expected);
  });
});
