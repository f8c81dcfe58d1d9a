import { closeRedis, connectRedis } from '../gateway/src/redis';
import { redisUrl } from './support/hub';

describe('the gateway\'s Redis connection', () => {
  it('talks to the run\'s real redis-server and closes cleanly', async () => {
    const client = await connectRedis(redisUrl(), () => undefined);
    try {
      const key = `redis-test:${process.pid}`;
      await client.set(key, 'value', { expiration: { type: 'PX', value: 5_000 } });
      expect(await client.get(key)).toBe('value');
      expect(await client.pTTL(key)).toBeGreaterThan(0);
    } finally {
      await closeRedis(client);
    }
    expect(client.isOpen).toBe(false);
  });

  it('refuses to start when Redis cannot be reached, saying where it looked', async () => {
    await expect(connectRedis('redis://127.0.0.1:9', () => undefined)).rejects.toThrow(/Redis at redis:\/\/127\.0\.0\.1:9 cannot be reached/);
  });
});
