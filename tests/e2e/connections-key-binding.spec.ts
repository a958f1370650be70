import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionsPage } from './fixtures/connections-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { fakeApiKey, fingerprintOf } from './fixtures/secrets.ts';

/** An OpenAI-looking server on loopback that records the Authorization header of every request. */
async function listener(): Promise<{ url: string; origin: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(String(request.headers.authorization ?? ''));
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ object: 'list', data: [], has_more: false }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/v1`, origin, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('re-pointing a connection at another host drops its key: the form says so, asks again, and the old key never reaches the new host', async ({
  page,
}) => {
  const [home, elsewhere] = await Promise.all([listener(), listener()]);
  try {
    const screen = new ConnectionsPage(page);
    const first = fakeApiKey();
    await screen.add({ name: 'Acme', key: first, baseUrl: home.url });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    expect(home.seen).toContain(`Bearer ${first}`);

    // Another path on the same host keeps the key, and says nothing.
    await screen.field('Base URL').fill(`${home.origin}/proxy/v1`);
    await expect(page.getByText('This points the connection at another host')).toHaveCount(0);

    await screen.field('Base URL').fill(elsewhere.url);
    await expect(
      page.getByRole('status').filter({ hasText: `This points the connection at another host (${elsewhere.origin})` }),
    ).toContainText('saving drops the stored key');
    await screen.save();
    await expect(screen.field('API key')).toHaveAttribute('aria-invalid', 'true');
    await expect(screen.field('API key')).toHaveAccessibleDescription(
      new RegExp(`Paste the API key for ${elsewhere.origin.replace(/[.:/]/g, '\\$&')}`),
    );
    await expect(screen.row('Acme')).toContainText(fingerprintOf(first));

    const second = fakeApiKey();
    await screen.field('API key').fill(second);
    await screen.save();
    await expect(screen.row('Acme')).toContainText(fingerprintOf(second));
    await expect(page.getByText('This points the connection at another host')).toHaveCount(0);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();

    expect(elsewhere.seen.length).toBeGreaterThan(0);
    expect(elsewhere.seen.every((header) => header === `Bearer ${second}`)).toBe(true);
    expect(elsewhere.seen.some((header) => header.includes(first))).toBe(false);
  } finally {
    await Promise.all([home.close(), elsewhere.close()]);
  }
});
