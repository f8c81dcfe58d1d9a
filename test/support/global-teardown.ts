export default async function globalTeardown(): Promise<void> {
  await Promise.all([globalThis.__KEPURI_TEST_CLUSTER__?.stop(), globalThis.__KEPURI_TEST_REDIS__?.stop()]);
}
