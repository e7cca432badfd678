import { convoSuite, LEADS_READ_ONLY_TOKEN, OTHER_WORKSPACE_TOKEN } from './setup';

describe('Convo › Lead', () => {
	const convo = convoSuite();

	it('creates a lead from key/value fields and returns the created record', async () => {
		const { items, error } = await convo.run({
			resource: 'lead',
			operation: 'create',
			fieldsMode: 'keyValue',
			leadFields: { field: [{ name: 'name', value: 'Anna Nowak' }, { name: 'email', value: 'anna@example.com' }] },
			source: 'web-form',
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ status: 'NEW', fields: { name: 'Anna Nowak', email: 'anna@example.com' }, source: 'web-form' });
		const sent = convo.requests().find((r) => r.method === 'POST');
		expect(sent?.headers.authorization).toBe(`Bearer ${convo.token}`);
		expect(sent?.body).toEqual({ fields: { name: 'Anna Nowak', email: 'anna@example.com' }, source: 'web-form' });
		expect(convo.data().leads.some((l: { id: string }) => l.id === items[0].json.id)).toBe(true);
	});

	it('creates a lead from JSON fields', async () => {
		const { items, error } = await convo.run({ resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '{"name":"Jan","phone":"+48 111 222 333"}' });
		expect(error).toBeUndefined();
		expect(items[0].json.fields).toEqual({ name: 'Jan', phone: '+48 111 222 333' });
	});

	it('rejects invalid JSON fields naming the field and item, before sending anything', async () => {
		const { error } = await convo.run({ resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '{"name": ' });
		expect(error?.message).toMatch(/^Lead Fields \(JSON\) is not valid JSON .*$/);
		expect(convo.requests()).toHaveLength(0);
	});

	it('lists leads with Return All over every page and applies filters', async () => {
		convo.sim.state.requests.length = 0;
		await fetch(`${convo.url}/_sim/seed`, { method: 'POST', body: JSON.stringify({ leads: 230 }) });
		const { items, error } = await convo.run({ resource: 'lead', operation: 'getAll', returnAll: true, filters: { sort: 'score' } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(255);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(255);
		const scores = items.map((i) => Number(i.json.score ?? -1));
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		const pages = convo.requests().filter((r) => r.path === '/api/v1/leads');
		expect(pages.map((p) => [p.query.limit, p.query.offset, p.query.sort])).toEqual([
			['100', '0', 'score'],
			['100', '100', 'score'],
			['100', '200', 'score'],
			// No page cap is published, so a short page is not proof of the end: one more read.
			['100', '255', 'score'],
		]);
	});

	it('stops at Limit, asking only for what is still needed', async () => {
		const { items } = await convo.run({ resource: 'lead', operation: 'getAll', returnAll: false, limit: 7, filters: { status: 'NEW' } });
		expect(items).toHaveLength(7);
		const pages = convo.requests().filter((r) => r.path === '/api/v1/leads');
		expect(pages).toHaveLength(1);
		expect(pages[0].query).toEqual({ limit: '7', offset: '0', status: 'NEW' });
	});

	it('updates a lead status', async () => {
		const lead = convo.data().leads[0];
		const { items, error } = await convo.run({ resource: 'lead', operation: 'updateStatus', leadId: lead.id, status: 'WON' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: lead.id, status: 'WON' });
		expect(convo.data().leads[0].status).toBe('WON');
	});

	it('turns a missing scope into a NodeApiError that names the scope', async () => {
		convo.token = LEADS_READ_ONLY_TOKEN;
		const { error } = await convo.run({ resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '{"name":"x"}' });
		expect(error?.name).toBe('ProviderApiError');
		expect(error?.message).toBe('Convo: Token is missing the required scope: leads:write');
		expect(error?.description).toContain('"leads:write" scope');
		expect(error?.httpCode).toBe('403');
	});

	it('reports a 404 for an unknown lead with the provider message', async () => {
		const { error } = await convo.run({ resource: 'lead', operation: 'updateStatus', leadId: '00000000-0000-4000-8000-000000000000', status: 'WON' });
		expect(error?.message).toBe('Convo: Lead not found');
		expect(error?.httpCode).toBe('404');
	});

	it('rejects a malformed token with a clear message before sending anything', async () => {
		convo.token = 'convo_123';
		const { error } = await convo.run({ resource: 'lead', operation: 'getAll', returnAll: false, limit: 5 });
		expect(error?.message).toContain('"convo_" followed by 32 lowercase hex characters');
		expect(error?.message).not.toContain('convo_123');
		expect(convo.requests()).toHaveLength(0);
	});

	it('keeps workspaces apart: another workspace token cannot see or change this lead', async () => {
		const lead = convo.data().leads[0];
		convo.token = OTHER_WORKSPACE_TOKEN;
		const { error } = await convo.run({ resource: 'lead', operation: 'updateStatus', leadId: lead.id, status: 'LOST' });
		expect(error?.httpCode).toBe('404');
		expect(convo.data().leads[0].status).toBe('NEW');
		const { items } = await convo.run({ resource: 'lead', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(0);
	});
});
