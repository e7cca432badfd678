import { randomUUID } from 'node:crypto';

import { convoSuite } from './setup';

describe('Convo › Conversation', () => {
	const convo = convoSuite();
	const rl = (value: string) => ({ __rl: true, mode: 'id', value });

	it('gets a conversation with its transcript through the resource locator', async () => {
		const conversation = convo.data().conversations[0];
		const { items, error } = await convo.run({ resource: 'conversation', operation: 'get', conversationId: rl(conversation.id) });
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(conversation.id);
		expect((items[0].json.messages as unknown[]).length).toBe(2);
	});

	it('lists conversations filtered by agent, status and tags', async () => {
		const agent = convo.data().agents[1];
		const { items, error } = await convo.run({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
			filters: { agentId: { __rl: true, mode: 'list', value: agent.id }, status: 'OPEN', tagIds: ' vip , ' },
		});
		expect(error).toBeUndefined();
		const expected = convo.data().conversations.filter((c: { agentId: string; status: string; tagIds: string[] }) => c.agentId === agent.id && c.status === 'OPEN' && c.tagIds.includes('vip'));
		expect(items).toHaveLength(2);
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.map((c: { id: string }) => c.id).sort());
		expect(items[0].json.messages).toBeUndefined();
		const [request] = convo.requests();
		expect(request.query).toMatchObject({ agentId: agent.id, status: 'OPEN', tagIds: 'vip' });
	});

	it('sends an operator reply into the conversation', async () => {
		const conversation = convo.data().conversations[1];
		const { items, error } = await convo.run({ resource: 'conversation', operation: 'reply', conversationId: rl(conversation.id), content: 'Hi Anna, which size?' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ role: 'ASSISTANT', content: 'Hi Anna, which size?' });
		expect(conversation.messages.at(-1).content).toBe('Hi Anna, which size?');
	});

	it('refuses an empty operator reply before sending', async () => {
		const { error } = await convo.run({ resource: 'conversation', operation: 'reply', conversationId: rl(convo.data().conversations[0].id), content: '   ' });
		expect(error?.message).toBe('Message must not be empty');
		expect(convo.requests()).toHaveLength(0);
	});

	it('bulk-closes 1,000 ids in exactly 5 requests of at most 200 and sums the result', async () => {
		await fetch(`${convo.url}/_sim/seed`, { method: 'POST', body: JSON.stringify({ conversations: 444 }) });
		const known = convo.data().conversations.map((c: { id: string }) => c.id);
		const openBefore = convo.data().conversations.filter((c: { status: string }) => c.status === 'OPEN').length;
		const ids = [...known, ...Array.from({ length: 1000 - known.length }, () => randomUUID())];
		const { items, error } = await convo.run({ resource: 'conversation', operation: 'bulk', bulkAction: 'close', conversationIds: ids.join('\n') });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ updated: openBefore, skipped: 1000 - openBefore, action: 'close', requested: 1000, requests: 5 });
		const calls = convo.requests().filter((r) => r.path === '/api/v1/conversations/bulk');
		expect(calls.map((c) => (c.body as { ids: string[] }).ids.length)).toEqual([200, 200, 200, 200, 200]);
		expect(new Set(calls.flatMap((c) => (c.body as { ids: string[] }).ids)).size).toBe(1000);
		expect(convo.data().conversations.every((c: { status: string }) => c.status === 'CLOSED')).toBe(true);
	});

	it('accepts ids as an array from an expression and tags them', async () => {
		const ids = convo.data().conversations.slice(0, 3).map((c: { id: string }) => c.id);
		const { items, error } = await convo.run(
			{ resource: 'conversation', operation: 'bulk', bulkAction: 'tag', tagId: 'priority', conversationIds: '={{ $json.ids }}' },
			{ items: [{ json: { ids } }] },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ updated: 3, skipped: 0, requests: 1 });
		expect(convo.requests()[0].body).toEqual({ ids, action: 'tag', tagId: 'priority' });
	});

	it('names the bad entry when a bulk id is not an id, and sends nothing', async () => {
		const { error } = await convo.run({ resource: 'conversation', operation: 'bulk', bulkAction: 'close', conversationIds: `${randomUUID()}, not-an-id` });
		expect(error?.message).toBe('Conversation IDs contains "not-an-id", which is not a conversation ID (UUID)');
		expect(convo.requests()).toHaveLength(0);
	});

	it('reports which chunk failed and what was already applied', async () => {
		await fetch(`${convo.url}/_sim/seed`, { method: 'POST', body: JSON.stringify({ conversations: 394 }) });
		const ids = convo.data().conversations.map((c: { id: string }) => c.id);
		// Let the first chunk through, fail the second.
		await fetch(`${convo.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ method: 'POST', path: '/bulk$', status: 500, skip: 1 }) });
		const { error } = await convo.run({ resource: 'conversation', operation: 'bulk', bulkAction: 'close', conversationIds: ids.join(',') });
		expect(error?.description).toMatch(/Chunk 2 of 2 failed\. The first 200 IDs were already applied/);
		// The failed POST is not retried: exactly two bulk calls.
		expect(convo.requests().filter((r) => r.path.endsWith('/bulk'))).toHaveLength(2);
	});

	// In tool mode the ID comes from $fromAI, so the editor's UUID check on the locator never runs.
	it.each(['get', 'reply'])('%s: refuses a conversation ID that is not a UUID before sending', async (operation) => {
		const { error } = await convo.run({ resource: 'conversation', operation, conversationId: rl('={{ "conv-42" }}'), content: 'Hi' });
		expect(error?.message).toMatch(/^Conversation must be a UUID \(got "conv-42"\)/);
		expect(convo.requests()).toHaveLength(0);
	});

	it('bulk with the Action from an expression checks Operator ID and Tag ID when run', async () => {
		const id = convo.data().conversations[0].id;
		const assign = await convo.run({ resource: 'conversation', operation: 'bulk', bulkAction: '={{ "assign" }}', conversationIds: id });
		expect(assign.error?.message).toMatch(/^Operator ID is required to assign conversations/);
		const tag = await convo.run({ resource: 'conversation', operation: 'bulk', bulkAction: '={{ "tag" }}', conversationIds: id, tagId: '={{ "" }}' });
		expect(tag.error?.message).toMatch(/^Tag ID is required to tag conversations/);
		expect(convo.requests()).toHaveLength(0);
		const tagged = await convo.run({ resource: 'conversation', operation: 'bulk', bulkAction: '={{ "tag" }}', conversationIds: id, tagId: 'vip' });
		expect(tagged.error).toBeUndefined();
		expect(convo.requests()[0].body).toEqual({ ids: [id], action: 'tag', tagId: 'vip' });
	});
});
