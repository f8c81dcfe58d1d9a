import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = (process.env.HUB_URL ?? 'http://127.0.0.1:4000/graphql').replace(/^http/, 'ws');
const token = process.env.HUB_TOKEN;

const client = createClient({
  url,
  webSocketImpl: WebSocket, // Node; a browser has its own
  connectionParams: token ? { authorization: `Bearer ${token}` } : {}, // the same token as over HTTP
});

// Every check-in as it is recorded, with fields from three subgraphs. Ctrl-C stops.
async function main(): Promise<void> {
  const events = client.iterate({
    query: `subscription {
      checkInRecorded { checkInCount at activity { title region { name } organizer { name } averageRating } }
    }`,
  });
  for await (const event of events) console.log(JSON.stringify(event.data ?? event.errors));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
