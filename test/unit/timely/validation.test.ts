// Documented constraints are enforced before sending; scope and paging behave as documented.
import type { IDataObject } from 'n8n-workflow';

import { CONTACTS_READ_KEY, OTHER_COMPANY_KEY, fixtures, rl, timelySuite } from './setup';

describe('Timely AI › input checks, scopes and paging', () => {
	const timely = timelySuite();

	it.each([
		['a name over 255 characters', { resource: 'contact', operation: 'create', customer_name: 'x'.repeat(256) }, 'Name must be at most 255 characters long (got 256)'],
		['a bad email', { resource: 'contact', operation: 'create', customer_name: 'A', additionalFields: { customer_email: 'not-an-email' } }, 'Email must be an email address (got "not-an-email")'],
		['a source over 100 characters', { resource: 'contact', operation: 'create', customer_name: 'A', additionalFields: { source: 's'.repeat(101) } }, 'Source must be at most 100 characters long (got 101)'],
		['metadata that is not JSON', { resource: 'contact', operation: 'create', customer_name: 'A', additionalFields: { metadata: '{oops' } }, /^Metadata is not valid JSON .*$/],
		['a score above 100', { resource: 'lead', operation: 'create', customer_name: 'A', additionalFields: { score: 101 } }, 'Score must be at most 100 (got 101)'],
		['a fractional score', { resource: 'lead', operation: 'create', customer_name: 'A', additionalFields: { score: 7.5 } }, 'Score must be a whole number (got 7.5)'],
		['a status outside the enum (from an expression)', { resource: 'lead', operation: 'create', customer_name: 'A', additionalFields: { status: '={{ "maybe" }}' } }, 'Status must be one of new, contacted, qualified, proposal, negotiation, won, lost (got "maybe")'],
		['a contact ID that is not a UUID', { resource: 'lead', operation: 'create', customer_name: 'A', additionalFields: { contact_id: '42' } }, 'Contact ID must be a UUID (got "42")'],
		['a negative value', { resource: 'opportunity', operation: 'create', title: 'T', additionalFields: { value: -1 } }, 'Value must be at least 0 (got -1)'],
		['a temperature above 1', { resource: 'agent', operation: 'updateSettings', agentId: rl('00000000-0000-4000-8000-000000000000'), updateFields: { temperature: 1.5 } }, 'Temperature must be at most 1 (got 1.5)'],
		['an idle time above 1440 minutes', { resource: 'idleAction', operation: 'create', agentId: rl('00000000-0000-4000-8000-000000000000'), name: 'N', trigger_after_minutes: 1441 }, 'Trigger After Minutes must be at most 1440 (got 1441)'],
		['a color that is not hex', { resource: 'channel', operation: 'updateWidget', channelId: rl('00000000-0000-4000-8000-000000000000'), updateFields: { primary_color: 'blue' } }, 'Primary Color must be a hex color such as #6366f1 (got "blue")'],
		['a reason over 500 characters', { resource: 'conversation', operation: 'handoff', conversationId: rl('00000000-0000-4000-8000-000000000000'), additionalFields: { reason: 'r'.repeat(501) } }, 'Reason must be at most 500 characters long (got 501)'],
		['an image message without media URL', { resource: 'conversation', operation: 'sendMessage', conversationId: rl('00000000-0000-4000-8000-000000000000'), content: 'x', additionalFields: { type: 'image' } }, 'Media URL is required for image messages'],
		['a text training without content', { resource: 'training', operation: 'create', agentId: rl('00000000-0000-4000-8000-000000000000'), type: 'text' }, 'Content is required for text trainings'],
		['a webhook list entry without events', { resource: 'agent', operation: 'updateWebhooks', agentId: rl('00000000-0000-4000-8000-000000000000'), webhooks: '[{"url":"https://x.example.com"}]' }, 'Webhooks entry 1 needs events as a list of names'],
		['an MCP URL that is not a URL', { resource: 'mcp', operation: 'testConnection', agentId: rl('00000000-0000-4000-8000-000000000000'), url: 'mcp-server' }, 'URL must be an http(s) URL (got "mcp-server")'],
		['an empty update', { resource: 'contact', operation: 'update', contactId: rl('00000000-0000-4000-8000-000000000000'), updateFields: {} }, 'Update Fields must include at least one field to change'],
		['a path ID that is not a UUID', { resource: 'training', operation: 'delete', trainingId: 'abc' }, 'Training ID must be a UUID (got "abc")'],
		['a filter date that is not a date', { resource: 'interaction', operation: 'getAll', returnAll: true, filters: { from: 'yesterday' } }, 'From is not a date (got "yesterday")'],
	])('refuses %s before sending', async (_name, parameters, message) => {
		const { error } = await timely.run(parameters as IDataObject);
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
		expect(timely.requests()).toHaveLength(0);
	});

	it('names the missing scope on a 403', async () => {
		timely.credentials.timelyAiApi.apiKey = CONTACTS_READ_KEY;
		const { error } = await timely.run({ resource: 'lead', operation: 'getAll', returnAll: true });
		expect(error?.httpCode).toBe('403');
		expect(error?.message).toBe('Timely AI: Missing required scope: leads:read (FORBIDDEN)');
		expect(error?.description).toContain('Add the missing scope');
	});

	it('keeps companies apart', async () => {
		const f = fixtures(timely.data());
		timely.credentials.timelyAiApi.apiKey = OTHER_COMPANY_KEY;
		const { error } = await timely.run({ resource: 'contact', operation: 'get', contactId: rl(f.contact.id) });
		expect(error?.message).toBe('Timely AI: Contact not found (NOT_FOUND)');
	});

	it('Return All over 1,000 contacts takes exactly 10 requests of 100', async () => {
		await timely.control('seed', { contacts: 1000 });
		const { items, error } = await timely.run({ resource: 'contact', operation: 'getAll', returnAll: true, filters: { sort: 'customer_name', order: 'asc' } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
		expect(items[0].json.customer_name).toBe('Contact 0000');
		expect(items[999].json.customer_name).toBe('Contact 0999');
		const pages = timely.requests().filter((r) => r.path === '/v1/contacts');
		expect(pages.map((p) => p.query.page)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
		expect(pages.every((p) => p.query.limit === '100')).toBe(true);
	});

	it('Limit below a page asks for exactly that many', async () => {
		await timely.control('seed', { contacts: 30 });
		const { items } = await timely.run({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 7 });
		expect(items).toHaveLength(7);
		expect(timely.requests()[0].query).toMatchObject({ page: '1', limit: '7' });
	});

	it('the contact picker searches server-side and pages with a token', async () => {
		await timely.control('seed', { contacts: 120 });
		const { searchContacts } = await import('../../../nodes/TimelyAi/listSearch');
		const context = {
			getNode: () => ({ name: 'Timely AI', credentials: { timelyAiApi: { id: 'p', name: 'p' } } }),
			getCredentials: async () => timely.credentials.timelyAiApi,
			helpers: {
				async httpRequestWithAuthentication(_t: string, o: { baseURL: string; url: string; qs: Record<string, string> }) {
					const res = await fetch(`${o.baseURL}${o.url}?${new URLSearchParams(o.qs)}`, { headers: { 'x-api-key': String(timely.credentials.timelyAiApi.apiKey) } });
					return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
				},
			},
		} as never;
		const first = await searchContacts.call(context);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const third = await searchContacts.call(context, undefined, '3');
		expect(third.results).toHaveLength(20);
		expect(third.paginationToken).toBeUndefined();
		const found = await searchContacts.call(context, 'contact 0042');
		expect(found.results).toEqual([{ name: 'Contact 0042 · c42@example.com', value: expect.any(String) }]);
		expect(timely.requests().at(-1)?.query).toMatchObject({ search: 'contact 0042', page: '1' });
	});
});
