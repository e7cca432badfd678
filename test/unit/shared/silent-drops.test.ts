// Issue 26: nothing the user sets or the provider sends is silently dropped. One block per
// pattern, each run through n8n's engine (test/harness) against the strict simulators.
import type { IDataObject } from 'n8n-workflow';

import { VelentsTrigger } from '../../../nodes/Velents/VelentsTrigger.node';
import { convoSuite } from '../convo/setup';
import { raiaSuite } from '../raia/setup';
import { rl, timelySuite } from '../timely/setup';
import { voxSuite } from '../voxstack/setup';

const UUID_A = '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e';

describe('1. list-valued query parameters: every way of giving the list sends it, in the documented format', () => {
	const convo = convoSuite();
	const getMany = (tagIds: IDataObject[string]) => ({ resource: 'conversation', operation: 'getAll', returnAll: true, filters: { tagIds } as IDataObject });

	it.each([
		['an array from an expression', '={{ ["vip", "t2"] }}'],
		['a comma string from an expression', '={{ "vip, t2" }}'],
		['typed comma-separated text', 'vip, t2,'],
		['a JSON array typed as text', '["vip","t2"]'],
		['a multi-select value (an array)', ['vip', 't2']],
	])('Convo Conversation → Get Many, Tag IDs as %s: tagIds=vip,t2 and only tagged conversations', async (_name, tagIds) => {
		const { items, error } = await convo.run(getMany(tagIds));
		expect(error).toBeUndefined();
		const sent = convo.requests().filter((r) => r.path === '/api/v1/conversations');
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((r) => r.query.tagIds === 'vip,t2')).toBe(true);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((i) => (i.json.tagIds as string[]).includes('vip'))).toBe(true);
	});

	it('an empty list sends no filter at all (nothing was asked)', async () => {
		const { error } = await convo.run(getMany('={{ [] }}'));
		expect(error).toBeUndefined();
		expect(convo.requests().length).toBeGreaterThan(0);
		expect(convo.requests().some((r) => 'tagIds' in r.query)).toBe(false);
	});

	it.each([
		['an object', '={{ { id: "vip" } }}'],
		['a list of objects', '={{ [{ id: "vip" }] }}'],
		['broken JSON array text', '["vip",'],
	])('Tag IDs as %s is an error naming the field, and nothing is sent', async (_name, tagIds) => {
		const { error } = await convo.run(getMany(tagIds));
		expect(error?.message).toMatch(/^Tag IDs (must be a list of values|is not a valid JSON array)/);
		expect(convo.requests()).toHaveLength(0);
	});

	it('the simulator refuses the forms the document does not describe (repeated key, empty entries)', async () => {
		const base = `${convo.url}/api/v1/conversations`;
		const headers = { Authorization: `Bearer ${convo.token}` };
		expect((await fetch(`${base}?tagIds=vip&tagIds=t2`, { headers })).status).toBe(400);
		expect((await fetch(`${base}?tagIds=vip,,t2`, { headers })).status).toBe(400);
		expect((await fetch(`${base}?tagIds=vip,t2`, { headers })).status).toBe(200);
		expect((await fetch(`${base}?agentId=agent-7`, { headers })).status).toBe(400);
	});
});

describe('1. list-valued body fields take the same forms (raia agent tags)', () => {
	const raia = raiaSuite(50);
	const create = (tags: string): IDataObject => ({
		authentication: 'raiaOrganizationApi', resource: 'organizationAgent', operation: 'create', name: 'A', publicName: 'A', outputJsonSchema: '{}', tags,
		roleId: `={{ "${String(((raia.org().roles as IDataObject[])[0]).id)}" }}`,
	});

	it.each([
		['an array from an expression', '={{ ["a", "b"] }}'],
		['typed comma-separated text', 'a, b'],
	])('Tags as %s go out as ["a","b"]', async (_name, tags) => {
		const { error } = await raia.run(create(tags));
		expect(error).toBeUndefined();
		expect(raia.requests().find((r) => r.method === 'POST')?.body).toMatchObject({ tags: ['a', 'b'] });
	});

	it('Tags as an object is an error, not "[object Object]"', async () => {
		const { error } = await raia.run(create('={{ { a: 1 } }}'));
		expect(error?.message).toMatch(/^Tags must be a list of values/);
		expect(raia.requests()).toHaveLength(0);
	});
});

describe('1. event lists from expressions are not dropped (Convo Webhook → Subscribe, VoxStack task Webhook Events)', () => {
	const convo = convoSuite();
	const vox = voxSuite();

	it.each([
		['a comma string from an expression', '={{ "lead.created, conversation.closed" }}'],
		['an array from an expression', '={{ ["lead.created", "conversation.closed"] }}'],
	])('Convo Events as %s are all subscribed', async (_name, events) => {
		const { error } = await convo.run({ resource: 'webhook', operation: 'subscribe', url: 'https://hooks.example.com/a', events, customEvents: '' });
		expect(error).toBeUndefined();
		expect((convo.requests()[0].body as IDataObject).events).toEqual(['lead.created', 'conversation.closed']);
	});

	it.each([
		['a comma string from an expression', '={{ "call_started, call_failed" }}'],
		['an array from an expression', '={{ ["call_started", "call_failed"] }}'],
		['a multi-select value', ['call_started', 'call_failed']],
	])('VoxStack Webhook Events as %s go out as the documented array', async (_name, events) => {
		const agentId = rl(String((vox.data().agents as IDataObject[])[0].id));
		const { error } = await vox.run({ resource: 'task', operation: 'create', agentId, name: 'Call', toNumber: '+14155550123', additionalFields: { webhook_events: events } });
		expect(error).toBeUndefined();
		expect((vox.requests().find((r) => r.method === 'POST')?.body as IDataObject).webhook_events).toEqual(['call_started', 'call_failed']);
	});

	it('VoxStack Webhook Events outside the documented list is an error before sending', async () => {
		const agentId = rl(String((vox.data().agents as IDataObject[])[0].id));
		const { error } = await vox.run({ resource: 'task', operation: 'create', agentId, name: 'Call', toNumber: '+14155550123', additionalFields: { webhook_events: '={{ "call_started,call_ended" }}' } });
		expect(error?.message).toBe('Webhook Events must be one of call_started, call_completed, call_failed (got "call_ended")');
		expect(vox.requests()).toHaveLength(0);
	});
});

describe('2. nullable fields can be set to null, distinct from leaving them unchanged (Timely AI)', () => {
	const timely = timelySuite();
	const agentId = () => rl(String((timely.data().agents as IDataObject[])[0].id));
	const channelId = () => rl(String((timely.data().channels as IDataObject[])[0].id));
	const lastBody = () => timely.requests().filter((r) => r.method === 'PUT').at(-1)?.body;

	it.each([
		['the None (Clear) choice', ''],
		['null from an expression', '={{ null }}'],
	])('Agent → Update Settings: response_format cleared with %s', async (_name, value) => {
		const settings = () => ((timely.data().agents as IDataObject[])[0].settings as IDataObject);
		settings().response_format = 'json';
		const { error } = await timely.run({ resource: 'agent', operation: 'updateSettings', agentId: agentId(), updateFields: { response_format: value } });
		expect(error).toBeUndefined();
		expect(lastBody()).toEqual({ response_format: null });
		expect(settings().response_format).toBeNull();
	});

	it('Agent → Update Settings without response_format leaves it unchanged', async () => {
		const settings = () => ((timely.data().agents as IDataObject[])[0].settings as IDataObject);
		settings().response_format = 'json';
		const { error } = await timely.run({ resource: 'agent', operation: 'updateSettings', agentId: agentId(), updateFields: { temperature: 0.5 } });
		expect(error).toBeUndefined();
		expect(lastBody()).toEqual({ temperature: 0.5 });
		expect(settings().response_format).toBe('json');
	});

	it.each([
		['JSON null typed in the editor', 'null'],
		['null from an expression', '={{ null }}'],
		['an empty editor', ''],
	])('Channel → Update Configuration: business_hours switched off with %s', async (_name, value) => {
		const config = () => ((timely.data().channels as IDataObject[])[0].config as IDataObject);
		config().business_hours = { mon: '09-17' };
		const { error } = await timely.run({ resource: 'channel', operation: 'updateConfig', channelId: channelId(), updateFields: { business_hours: value } });
		expect(error).toBeUndefined();
		expect(lastBody()).toEqual({ business_hours: null });
		expect(config().business_hours).toBeNull();
	});

	it('Channel → Update Configuration: a business_hours object is still sent as the object', async () => {
		const { error } = await timely.run({ resource: 'channel', operation: 'updateConfig', channelId: channelId(), updateFields: { business_hours: '{"mon":"09-17"}' } });
		expect(error).toBeUndefined();
		expect(lastBody()).toEqual({ business_hours: { mon: '09-17' } });
	});

	it('a non-nullable JSON field still refuses null (Contact metadata is an object)', async () => {
		const { error } = await timely.run({ resource: 'contact', operation: 'create', customer_name: 'A', additionalFields: { metadata: 'null' } });
		expect(error?.message).toBe('Metadata must be a JSON object');
		expect(timely.requests()).toHaveLength(0);
	});
});

describe('3. trigger items carry every field the provider sent', () => {
	const webhookContext = (body: IDataObject, params: IDataObject, headers: IDataObject, staticData: IDataObject = {}) => ({
		getNode: () => ({ name: 'Trigger', credentials: {} }),
		getWorkflow: () => ({ id: 'workflow-1' }),
		getNodeParameter: (name: string, fallback?: unknown) => params[name] ?? fallback,
		getCredentials: async () => ({}),
		getHeaderData: () => headers,
		getBodyData: () => body,
		getRequestObject: () => ({ rawBody: Buffer.from(JSON.stringify(body)) }),
		getWorkflowStaticData: () => staticData,
		getResponseObject: () => {
			const response = { status: () => response, json: () => response, end: () => response };
			return response;
		},
	});

	it('Velents ondone keeps result.recording and result.call_recording_url when they differ, and every other field', async () => {
		const body = {
			event: { type: 'ondone', about: 'call', attempt: 2 },
			call: { id: 55, phone: '+966500000001', values: { order_id: '77' }, duration: 93 },
			result: { recording: 'https://cdn.example.com/raw-55.wav', call_recording_url: 'https://cdn.example.com/rec-55.mp3', history: [{ role: 'assistant', content: 'Hello!', timeAdded: 't', sentiment: 'positive' }], goals: { booked: true }, summary: 'Booked' },
		};
		const ctx = webhookContext(body, { platformAuthorization: 'p', events: ['ondone'] }, { 'x-velents-authorization': 'p' });
		const json = (await new VelentsTrigger().webhook.call(ctx as never)).workflowData?.[0][0].json as IDataObject;
		expect(json).toMatchObject(body);
		expect(json.recordingUrl).toBe('https://cdn.example.com/rec-55.mp3');
	});
});

describe('4. an answer documented as one object gives one item (raia GET /external/agents/users)', () => {
	const raia = raiaSuite(50);

	it('Agent → Get Users outputs the documented agent object as one item', async () => {
		const { items, error } = await raia.run({ authentication: 'raiaAgentApi', resource: 'agent', operation: 'getUsers', returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual([raia.agent().id]);
		expect(items[0].json).toMatchObject({ name: raia.agent().name, organizationId: expect.any(String) });
	});

	it('its documented query parameters are sent, and the one object ends the reading (one request)', async () => {
		const { error } = await raia.run({ authentication: 'raiaAgentApi', resource: 'agent', operation: 'getUsers', returnAll: true, filters: { orderDirection: 'ASC' } });
		expect(error).toBeUndefined();
		expect(raia.requests().map((r) => r.query)).toEqual([{ page: '1', pageSize: '100', orderDirection: 'ASC' }]);
	});

	it('should raia answer with a page of users instead, each user is an item and Return All reads every page', async () => {
		const user = (n: number) => ({ id: `u${n}`, firstName: `User ${n}` });
		await raia.control('faults', { path: '/agents/users$', status: 200, body: { currentPage: 1, pageSize: 2, totalPages: 1, hasNextPage: false, data: [user(1), user(2)] } });
		const { items, error } = await raia.run({ authentication: 'raiaAgentApi', resource: 'agent', operation: 'getUsers', returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(['u1', 'u2']);
	});

	it('a list answer still gives one item per record (Organization Agent → Get Users)', async () => {
		await raia.control('seed', { users: 3 });
		const { items, error } = await raia.run({ authentication: 'raiaOrganizationApi', resource: 'organizationAgent', operation: 'getUsers', agentId: raia.agent().id, returnAll: true });
		expect(error).toBeUndefined();
		expect(items.length).toBe((raia.agent().users as unknown[]).length);
	});
});

describe('5. documented formats are checked before sending', () => {
	const raia = raiaSuite(50);
	const convo = convoSuite();
	const vox = voxSuite();

	it.each([
		['Conversation → Get Many, User ID', { resource: 'conversation', operation: 'getAll', returnAll: true, filters: { userId: 'user-42' } }, 'User ID'],
		['Agent → Get Statistics, User ID', { resource: 'agent', operation: 'getStatistics', filters: { userId: '={{ "user-42" }}' } }, 'User ID'],
		['Agent → Get Statistics, Conversation User ID', { resource: 'agent', operation: 'getStatistics', filters: { conversationUserId: 'user-42' } }, 'Conversation User ID'],
	])('raia %s (format uuid) refuses a non-UUID, naming field and item', async (_name, parameters, label) => {
		const { error, items } = await raia.run({ authentication: 'raiaAgentApi', ...parameters }, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe(`${label} must be a UUID (got "user-42")`);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(raia.requests()).toHaveLength(0);
	});

	it('raia userId as a UUID is sent, and the simulator refuses what the OpenAPI forbids', async () => {
		const { error } = await raia.run({ authentication: 'raiaAgentApi', resource: 'conversation', operation: 'getAll', returnAll: true, filters: { userId: UUID_A } });
		expect(error).toBeUndefined();
		expect(raia.requests()[0].query.userId).toBe(UUID_A);
		const denied = await fetch(`${raia.url}/external/conversations?userId=user-42`, { headers: { 'Agent-Secret-Key': String(raia.credentials.raiaAgentApi.secretKey) } });
		expect(denied.status).toBe(400);
	});

	it.each([
		['Convo conversation status', () => convo.run({ resource: 'conversation', operation: 'getAll', returnAll: true, filters: { status: '={{ "open" }}' } }), 'Status must be one of OPEN, CLOSED (got "open")', () => convo.requests()],
		['Convo conversation agent', () => convo.run({ resource: 'conversation', operation: 'getAll', returnAll: true, filters: { agentId: rl('agent-7') } }), 'Agent must be a UUID (got "agent-7")', () => convo.requests()],
		['Convo bulk action', () => convo.run({ resource: 'conversation', operation: 'bulk', bulkAction: '={{ "archive" }}', conversationIds: UUID_A }), 'Action must be one of close, reopen, assign, tag, untag (got "archive")', () => convo.requests()],
		['Convo lead status filter', () => convo.run({ resource: 'lead', operation: 'getAll', returnAll: true, filters: { status: '={{ "Won" }}' } }), 'Status must be one of NEW, QUALIFIED, CONTACTED, WON, LOST (got "Won")', () => convo.requests()],
		['Convo lead sort', () => convo.run({ resource: 'lead', operation: 'getAll', returnAll: true, filters: { sort: '={{ "oldest" }}' } }), 'Sort must be one of newest, score (got "oldest")', () => convo.requests()],
		['Convo lead status update', () => convo.run({ resource: 'lead', operation: 'updateStatus', leadId: rl(UUID_A), status: '={{ "done" }}' }), 'Status must be one of NEW, QUALIFIED, CONTACTED, WON, LOST (got "done")', () => convo.requests()],
		['VoxStack task status', () => vox.run({ resource: 'task', operation: 'getAll', returnAll: true, filters: { status: '={{ "running" }}' } }), 'Status must be one of pending, in_progress, completed, failed (got "running")', () => vox.requests()],
		['VoxStack call status', () => vox.run({ resource: 'call', operation: 'getAll', returnAll: true, filters: { status: '={{ "done" }}' } }), 'Status must be one of initiated, in_progress, completed, failed (got "done")', () => vox.requests()],
		['VoxStack agent enabled', () => vox.run({ resource: 'agent', operation: 'getAll', returnAll: true, filters: { enabled: '={{ "yes" }}' } }), 'Enabled must be true or false (got "yes")', () => vox.requests()],
	])('%s: an enum/format value from an expression is checked before sending', async (_name, run, message, requests) => {
		const { error } = await run();
		// The item is named in the message or in the error's item index, by the path the error takes.
		expect(error?.message.replace(/ \[item 0\]$/, '')).toBe(message);
		expect(requests()).toHaveLength(0);
	});

	it('raia Conversation → Start (no phone or email format in the OpenAPI): sent as typed, the verdict of raia passes through, its skip flags work', async () => {
		const start = (additionalFields: IDataObject) => raia.run({ authentication: 'raiaAgentApi', resource: 'conversation', operation: 'start', channel: 'sms', firstName: 'A', lastName: 'B', phoneNumber: '0412 555 123', smsIntroduction: 'Hi', additionalFields });
		const refused = await start({});
		expect(raia.requests()[0].body).toMatchObject({ phoneNumber: '0412 555 123' });
		expect(`${refused.error?.message} ${refused.error?.description}`).toContain('phoneNumber must be in E.164 format');
		const skipped = await start({ skipPhoneNumberValidation: true });
		expect(skipped.error).toBeUndefined();
	});

	it('where the document is silent, the value is sent and the provider error passes through (raia users/search email)', async () => {
		const { error } = await raia.run({ authentication: 'raiaAgentApi', resource: 'user', operation: 'search', filters: { email: 'not-an-email' } });
		expect(raia.requests().map((r) => r.query.email)).toEqual(['not-an-email']);
		// Whatever raia answers comes back as its own answer, not as a check of the node.
		expect(error?.message ?? '').not.toMatch(/must be/);
	});
});
