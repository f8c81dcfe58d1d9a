export default async function globalTeardown(): Promise<void> {
  await globalThis.__KEPURI_TEST_CLUSTER__?.stop();
}
