// Timely AI Record Trigger: every event, through n8n-core's PollContext, against the simulator.
import { FULL_KEY, timelySuite } from './setup';

const timely = timelySuite();
const TYPE = 'timelyAiRecordTrigger';
type Row = Record<string, unknown> & { id: string };

async function api(method: string, url: string, body?: object): Promise<Row> {
	const res = await fetch(`${timely.url}${url}`, { method, headers: { 'x-api-key': FULL_KEY, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
	expect(res.ok).toBe(true);
	return ((await res.json()) as { data: Row }).data;
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const ids = (result: Awaited<ReturnType<typeof timely.poll>>) => (result?.[0] ?? []).map((item) => String(item.json.id));

describe('Timely AI Record Trigger', () => {
	it('lists its events and is a polling trigger told apart from the webhook trigger', async () => {
		const { TimelyAiRecordTrigger } = await import('../../../nodes/TimelyAi/TimelyAiRecordTrigger.node');
		const { description } = new TimelyAiRecordTrigger();
		expect(description.polling).toBe(true);
		expect(description.displayName).toBe('Timely AI Record Trigger');
		const events = (description.properties.find((p) => p.name === 'event')?.options as Array<{ value: string }>).map((o) => o.value);
		expect(events).toEqual(['contactCreated', 'contactUpdated', 'leadCreated', 'leadStatusChanged', 'opportunityCreated', 'opportunityStageChanged', 'conversationCreated']);
	});

	const cases: Array<[string, () => Promise<Row>, () => Promise<Row | undefined>]> = [];
	let contact: Row;
	let lead: Row;
	let deal: Row;
	beforeEach(async () => {
		contact = await api('POST', '/v1/contacts', { customer_name: 'Old contact' });
		lead = await api('POST', '/v1/leads', { customer_name: 'Old lead', status: 'new' });
		deal = await api('POST', '/v1/opportunities', { title: 'Old deal', stage: 'prospecting' });
		await tick();
	});
	cases.push(
		['contactCreated', () => api('POST', '/v1/contacts', { customer_name: 'New' }), async () => undefined],
		['contactUpdated', () => api('PUT', `/v1/contacts/${contact.id}`, { notes: 'edited' }), () => api('POST', '/v1/contacts', { customer_name: 'New, not an update' }).then(() => undefined)],
		['leadCreated', () => api('POST', '/v1/leads', { customer_name: 'New' }), async () => undefined],
		['leadStatusChanged', () => api('PUT', `/v1/leads/${lead.id}`, { status: 'qualified' }), () => api('PUT', `/v1/leads/${lead.id}`, { score: 99 }).then(() => undefined)],
		['opportunityCreated', () => api('POST', '/v1/opportunities', { title: 'New' }), async () => undefined],
		['opportunityStageChanged', () => api('PUT', `/v1/opportunities/${deal.id}`, { stage: 'proposal' }), () => api('PUT', `/v1/opportunities/${deal.id}`, { value: 500 }).then(() => undefined)],
		[
			'conversationCreated',
			async () => {
				const conversations = timely.data().conversations as Row[];
				const conversation = { ...conversations[0], id: crypto.randomUUID(), created_at: new Date().toISOString() };
				conversations.push(conversation);
				return conversation;
			},
			async () => undefined,
		],
	);

	it.each(cases)('%s: nothing from the past, the change once, a non-change never, Fetch Test Event the newest', async (event, change, nonChange) => {
		const staticData = {};
		expect(await timely.poll(TYPE, { event }, staticData)).toBeNull();
		const record = await change();
		expect(ids(await timely.poll(TYPE, { event }, staticData))).toEqual([record.id]);
		await tick();
		await nonChange();
		expect(await timely.poll(TYPE, { event }, staticData)).toBeNull();
		expect(ids(await timely.poll(TYPE, { event }, staticData, true))).toHaveLength(1);
	});

	it('Contact Updated compares created_at and updated_at as instants: one moment written two ways is a creation, a later one an update', async () => {
		const staticData = {};
		expect(await timely.poll(TYPE, { event: 'contactUpdated' }, staticData)).toBeNull();
		const contacts = timely.data().contacts as Row[];
		const at = Date.now() + 60_000;
		const created = { ...contacts[0], id: crypto.randomUUID(), created_at: new Date(at).toISOString(), updated_at: new Date(at).toISOString().replace('.000Z', 'Z').replace('Z', '+00:00') };
		const edited = { ...contacts[0], id: crypto.randomUUID(), created_at: new Date(at).toISOString(), updated_at: new Date(at + 1).toISOString() };
		contacts.push(created, edited);
		expect(ids(await timely.poll(TYPE, { event: 'contactUpdated' }, staticData))).toEqual([edited.id]);
	});

	it('uses the documented sort: newest first by created_at or updated_at, page size 100', async () => {
		await timely.poll(TYPE, { event: 'leadStatusChanged' }, {});
		const list = timely.requests().find((r) => r.path === '/v1/leads' && r.method === 'GET')!;
		expect(list.query).toMatchObject({ sort: 'updated_at', order: 'desc', page: '1', limit: '100' });
	});
});
