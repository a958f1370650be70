import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { dragOver, outsideClient } from './fixtures/outside-client.ts';

test('an Agents org shows what it serves and an Agents tab: inspect every field, edit, delete after a confirmation naming the agent and the org', async ({ ferry, page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Legacy Cloud');
  await expect(browse.pane('right').getByTitle('What this server serves')).toHaveText('Serves agents (no Assistants API)');
  await expect(browse.pane('left').getByTitle('What this server serves')).toHaveText('Serves assistants');
  // Acme Production serves no agents: no tab that could not load.
  await expect(browse.tab('left', 'Agents')).toHaveCount(0);

  // While dragging, the drop zone says what the destination serves.
  await dragOver(browse, 'left', 'Support Triage');
  await expect(browse.pane('right').getByLabel('What the destination serves')).toHaveText('Serves agents (no Assistants API)');
  await page.mouse.up();

  await browse.tab('right', 'Agents').click();
  await browse.row('right', 'Hub Setup Guide').click();
  const inspector = browse.inspector('right');
  await expect(inspector.getByRole('heading', { name: 'Hub Setup Guide' })).toBeVisible();
  await expect(inspector).toContainText('gpt-4.1');
  await expect(inspector).toContainText('Walk customers through setting up a v1 hub. Ask for the serial number first.');
  await expect(inspector.getByText('lookup_serial', { exact: true })).toBeVisible();
  await expect(inspector.getByLabel('Parameters of lookup_serial')).toContainText('"serial"');
  await expect(inspector.getByRole('table', { name: 'Metadata' }).getByRole('row', { name: /team/ })).toContainText('support');
  await inspector.getByRole('button', { name: 'Show JSON' }).click();
  await expect(inspector.getByLabel('agent as JSON')).toContainText('"object": "agent"');
  await expect(inspector.getByLabel('agent as JSON')).toContainText('"effort": "low"');

  // Edit: a mistake is named at its field and nothing is sent; a good edit is saved in the org.
  await inspector.getByRole('button', { name: 'Edit' }).click();
  const form = browse.pane('right').getByRole('form', { name: 'Edit Hub Setup Guide' });
  await form.getByLabel('Tools (JSON)').fill('[{"type": ');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toContainText('Tools are not valid JSON');
  await form.getByLabel('Tools (JSON)').fill('[]');
  await form.getByLabel('Instructions').fill('Ask for the serial number, then walk through setup.');
  await form.getByLabel('Reasoning effort').selectOption('high');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(inspector).toContainText('Ask for the serial number, then walk through setup.');
  const agentId = (await inspector.locator('.inspector__id code').textContent()) ?? '';
  const client = await outsideClient(ferry, 'Legacy Cloud');
  const saved = await client.beta.agents.retrieve(agentId);
  expect(saved).toMatchObject({ instructions: 'Ask for the serial number, then walk through setup.', tools: [], reasoning: { effort: 'high' }, metadata: { team: 'support' } });

  await inspector.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Hub Setup Guide” from Legacy Cloud?' });
  await expect(dialog).toContainText(agentId);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(browse.pane('right')).toContainText('Legacy Cloud has no agents yet.');
  expect((await client.beta.agents.list()).data).toEqual([]);
});
