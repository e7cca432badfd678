import { OTHER_TENANT_TOKEN, READ_ONLY_SUPPORT_TOKEN, velentsSuite } from './setup';

describe('Velents › Support Center', () => {
	const velents = velentsSuite();
	const support = (parameters: Record<string, unknown>) => ({ authentication: 'velentsSupportApi', ...parameters });

	async function createTicket(extra: Record<string, unknown> = {}) {
		return await velents.run(support({ resource: 'ticket', operation: 'create', subject: 'Order 1212 arrived damaged', message: 'The box was crushed.', ...extra }));
	}

	it('gets the tenant of the token', async () => {
		const { items, error } = await velents.run(support({ resource: 'account', operation: 'me' }));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ tenant_id: 7, app: 'Acme', abilities: ['tickets.create', 'conversations.send', 'conversations.read'] });
	});

	it('creates a ticket (data unwrapped) with additional fields passed through', async () => {
		const { items, error } = await createTicket({ additionalFields: { field: [{ name: 'priority', value: 'high' }] } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ public_id: 'TCK-00001', conversation_id: expect.any(Number), status: 'open', extra: { priority: 'high' } });
		expect(velents.requests()[0].body).toEqual({ subject: 'Order 1212 arrived damaged', message: 'The box was crushed.', priority: 'high' });
	});

	it('refuses an empty or over-long subject before sending', async () => {
		expect((await createTicket({ subject: ' ' })).error?.message).toBe('Subject is required');
		expect((await createTicket({ subject: 'x'.repeat(256) })).error?.message).toBe('Subject is 256 characters long; at most 255 are allowed');
		expect(velents.requests()).toHaveLength(0);
	});

	it('sends a message and reads the history, paging through Return All', async () => {
		const ticket = (await createTicket()).items[0].json;
		const conversationId = String(ticket.conversation_id);
		const sent = await velents.run(support({ resource: 'supportConversation', operation: 'send', conversationId, message: 'Any update?' }));
		expect(sent.items[0].json).toMatchObject({ role: 'customer', message: 'Any update?' });
		const stored = velents.data().tickets[0].messages;
		for (let i = 0; i < 247; i++) stored.push({ id: 10_000 + i, role: 'agent', message: `note ${i}`, created_at: '2026-11-23 10:00:00' });
		const before = velents.requests().length;
		const all = await velents.run(support({ resource: 'supportConversation', operation: 'history', conversationId, returnAll: true }));
		expect(all.items).toHaveLength(250);
		expect(all.items.slice(0, 3).map((i) => i.json.message)).toEqual(['The box was crushed.', 'Any update?', 'Thanks, we are on it (TCK-00001).']);
		const pages = velents.requests().slice(before);
		// 250 messages at 100 a page: exactly 3 requests, the envelope's last_page says when to stop.
		expect(pages.map((p) => p.query)).toEqual([{ per_page: '100', page: '1' }, { per_page: '100', page: '2' }, { per_page: '100', page: '3' }]);
		const some = await velents.run(support({ resource: 'supportConversation', operation: 'history', conversationId, returnAll: false, limit: 5 }));
		expect(some.items).toHaveLength(5);
	});

	it('reports a missing ability with the provider message', async () => {
		velents.credentials.velentsSupportApi.token = READ_ONLY_SUPPORT_TOKEN;
		const { error } = await createTicket();
		expect(error?.httpCode).toBe('403');
		expect(error?.message).toBe('Velents: This action is unauthorized. Missing ability: tickets.create.');
	});

	it('does not show another tenant the conversation', async () => {
		const ticket = (await createTicket()).items[0].json;
		velents.credentials.velentsSupportApi.token = OTHER_TENANT_TOKEN;
		const { error } = await velents.run(support({ resource: 'supportConversation', operation: 'history', conversationId: String(ticket.conversation_id), returnAll: true }));
		expect(error?.httpCode).toBe('404');
	});

	it('refuses a tenant token in the wrong format before sending, without echoing it', async () => {
		velents.credentials.velentsSupportApi.token = 'just-a-token';
		const { error } = await velents.run(support({ resource: 'account', operation: 'me' }));
		expect(error?.message).toContain('AppName_tenantId_PersonalAccessToken_plainTextToken');
		expect(error?.message).not.toContain('just-a-token');
		expect(velents.requests()).toHaveLength(0);
	});

	it('refuses a message that resolves to empty before sending', async () => {
		const { error } = await velents.run(support({ resource: 'supportConversation', operation: 'send', conversationId: '5', message: '={{ $json.text }}' }), { items: [{ json: { text: '  ' } }] });
		expect(error?.message).toBe('Message must not be empty');
		expect(velents.requests()).toHaveLength(0);
	});
});
