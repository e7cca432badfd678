// Nothing is lost because of what a provider sends:
//  - an answer nested thousands of levels deep is refused with a clear error, so n8n can still
//    store the execution (JSON.stringify and n8n's deepCopy give out near 4,000 levels);
//  - a list answer in an undocumented envelope is an error naming the keys received (in
//    operations, searchable pickers and trigger set-up), while a documented empty list is still
//    zero items;
//  - a download's Content-Disposition is parsed per RFC 6266 (filename* first), its name made
//    safe, and no file name ever fails the download.
import { parse, stringify } from 'flatted';

import { MAX_ANSWER_DEPTH } from '../../../nodes/shared/answers';
import { deepJson, hostileSuite, records } from './hostile-answers';

const { server, run, listSearch, hook, poll } = hostileSuite();
const CALL_ID = '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e';

/** What n8n does with the run before it stores it: flatted (n8n's execution format) and a JSON round trip. */
function storable(data: unknown): boolean {
	try {
		parse(stringify(data));
		JSON.stringify(data);
		return true;
	} catch {
		return false;
	}
}

describe('answers nested too deep', () => {
	it.each([5_000, 100_000])('a Convo agent nested %i levels deep is refused, and the execution can be stored', async (depth) => {
		server.answer(() => ({ body: deepJson(depth) }));
		const { items, error, run: execution } = await run('convo', { resource: 'agent', operation: 'get', agentId: { __rl: true, mode: 'id', value: CALL_ID } });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(`Convo answered with data nested more than ${MAX_ANSWER_DEPTH} levels deep`);
		expect(items).toEqual([]);
		expect(storable(execution.data)).toBe(true);
	});

	it('an answer as deep as the bound allows still passes', async () => {
		server.answer(() => ({ body: deepJson(MAX_ANSWER_DEPTH - 1) }));
		const { items, error } = await run('convo', { resource: 'agent', operation: 'get', agentId: { __rl: true, mode: 'id', value: CALL_ID } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
	});

	it('one over-deep record in a Timely list fails the list', async () => {
		server.answer(() => ({ body: `{"data":[{"id":"c1"},${deepJson(6_000)}],"pagination":{"page":1,"limit":100,"total":2,"total_pages":1}}` }));
		const { error } = await run('timelyAi', { resource: 'contact', operation: 'getAll', returnAll: true });
		expect(error?.message).toBe(`Timely AI answered with data nested more than ${MAX_ANSWER_DEPTH} levels deep`);
	});

	it('raia Send Prompt Async with wait: an over-deep answer to the poll is refused too', async () => {
		server.answer((request) => (request.method === 'POST' ? { body: { promptId: 'p1', status: 'pending' } } : { body: `{"status":"completed","answer":${deepJson(5_000)}}` }));
		const { error, run: execution } = await run('raia', { authentication: 'raiaAgentApi', resource: 'prompt', operation: 'sendAsync', prompt: 'Hello', waitForResponse: true, pollInterval: 0.5, maxWait: 5 });
		expect(error?.message).toBe(`raia answered with data nested more than ${MAX_ANSWER_DEPTH} levels deep`);
		expect(storable(execution.data)).toBe(true);
	});
});

describe('list answers in an undocumented envelope', () => {
	it.each([
		['Convo leads', 'convo', { resource: 'lead', operation: 'getAll', returnAll: true }, { items: records(0, 3), total: 3 }, 'Convo answered GET /leads without the list its document describes', '"items", "total"'],
		['VoxStack agents', 'voxStack', { resource: 'agent', operation: 'getAll', returnAll: true }, { success: true, records: records(0, 3) }, 'VoxStack answered GET /agents without the list its document describes', '"success", "records"'],
		['Timely AI contacts', 'timelyAi', { resource: 'contact', operation: 'getAll', returnAll: true }, { items: records(0, 3), pagination: { page: 1, total: 3 } }, 'Timely AI answered GET /v1/contacts without the list its document describes', '"items", "pagination"'],
		['raia users', 'raia', { authentication: 'raiaOrganizationApi', resource: 'organizationAgent', operation: 'getUsers', agentId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', returnAll: true }, { results: records(0, 3), hasNextPage: false }, 'raia answered GET /external/agents/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f/users without the list its document describes', '"results", "hasNextPage"'],
		['Velents history', 'velents', { authentication: 'velentsSupportApi', resource: 'supportConversation', operation: 'history', conversationId: '42', returnAll: true }, { messages: records(0, 3) }, 'Velents answered GET /Company/Conversation/42/history without the list its document describes', '"messages"'],
	])('%s: an error naming the keys received, not zero items', async (_name, type, parameters, body, message, keys) => {
		server.answer(() => ({ body }));
		const { items, error } = await run(type, parameters);
		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect(error?.description).toContain(`an object with the keys ${keys}`);
	});

	it.each([
		['Convo leads, a bare empty array', 'convo', { resource: 'lead', operation: 'getAll', returnAll: true }, []],
		['Convo leads, an empty data array', 'convo', { resource: 'lead', operation: 'getAll', returnAll: true }, { data: [] }],
		['VoxStack calls, data: null', 'voxStack', { resource: 'call', operation: 'getAll', returnAll: true }, { success: true, data: null }],
		['Timely AI contacts', 'timelyAi', { resource: 'contact', operation: 'getAll', returnAll: true }, { data: [], pagination: { page: 1, limit: 100, total: 0, total_pages: 0 } }],
		['raia users', 'raia', { authentication: 'raiaOrganizationApi', resource: 'organizationAgent', operation: 'getUsers', agentId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', returnAll: true }, { currentPage: 1, pageSize: 100, totalItems: 0, totalPages: 0, hasNextPage: false, data: [] }],
	])('%s: a documented empty list is zero items and success', async (_name, type, parameters, body) => {
		server.answer(() => ({ body }));
		const { items, error } = await run(type, parameters);
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});

describe('searchable pickers and trigger set-up read lists as strictly', () => {
	const pickers: Array<[string, string, string, object, unknown, string]> = [
		['Convo agents', 'convo', 'searchAgents', {}, { items: records(0, 3) }, 'Convo answered GET /agents without the list its document describes'],
		['VoxStack agents', 'voxStack', 'searchAgents', {}, { success: true, records: records(0, 3) }, 'VoxStack answered GET /agents without the list its document describes'],
		['Timely AI agents', 'timelyAi', 'searchAgents', {}, { items: records(0, 3), pagination: { page: 1, total: 3 } }, 'Timely AI answered GET /v1/agents without the list its document describes'],
		['raia conversations', 'raia', 'searchConversations', { authentication: 'raiaAgentApi' }, { results: records(0, 3), hasNextPage: false }, 'raia answered GET /external/conversations without the list its document describes'],
	];
	it.each(pickers)('%s: an undocumented envelope is an error naming the keys, not an empty picker', async (_name, type, method, parameters, body, message) => {
		server.answer(() => ({ body }));
		const error = await listSearch(type, method, parameters as never).then(() => undefined, (e: Error & { description?: string }) => e);
		expect(error?.message).toBe(message);
		expect(error?.description).toContain('an object with the keys');
	});

	it.each([
		['Convo agents', 'convo', 'searchAgents', {}, { data: [] }],
		['VoxStack agents', 'voxStack', 'searchAgents', {}, { success: true, data: [] }],
		['Timely AI agents', 'timelyAi', 'searchAgents', {}, { data: [], pagination: { page: 1, limit: 50, total: 0, total_pages: 0 } }],
		['raia conversations', 'raia', 'searchConversations', { authentication: 'raiaAgentApi' }, { data: [], hasNextPage: false }],
	])('%s: a documented empty list is an empty picker', async (_name, type, method, parameters, body) => {
		server.answer(() => ({ body }));
		expect((await listSearch(type, method, parameters)).results).toEqual([]);
	});

	it('raia users (agent key): the documented answer is the agent itself, which lists nobody; a page of users is listed; any other shape is an error', async () => {
		const users = (parameters: object) => listSearch('raia', 'searchUsers', { authentication: 'raiaAgentApi', ...parameters });
		server.answer(() => ({ body: { id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', organizationId: 'o1', name: 'Support agent', status: 'active' } }));
		expect((await users({})).results).toEqual([]);
		server.answer(() => ({ body: { data: [{ id: 'u1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }], hasNextPage: false } }));
		expect((await users({})).results).toEqual([{ name: 'Ada Lovelace · ada@example.com', value: 'u1' }]);
		server.answer(() => ({ body: { users: [{ id: 'u1' }] } }));
		await expect(users({})).rejects.toThrow('raia answered GET /external/agents/users without the list its document describes');
	});

	it("Timely AI Trigger: an agent's webhook list in another shape fails the activation and writes nothing back (that would erase the other webhooks)", async () => {
		const agentId = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
		server.answer(() => ({ body: { data: { hooks: [{ url: 'https://crm.example.com/hook', events: ['conversation.ended'] }] } } }));
		const error = await hook('timelyAiTrigger', 'create', { agentId: { __rl: true, mode: 'id', value: agentId }, events: ['message.received'] }).then(() => undefined, (e: Error & { description?: string }) => e);
		expect(error?.message).toBe(`Timely AI answered GET /v1/agents/${agentId}/webhooks without the webhook list its document describes`);
		expect(error?.description).toContain('an object with the keys "hooks"');
		expect(server.requests.map((r) => r.method)).not.toContain('PUT');
	});
});

describe('Record Triggers: an odd answer fails the poll and the position stays', () => {
	const created = (n: number) => ({ id: `c${n}`, created_at: new Date(Date.UTC(2030, 0, 1) + n * 1000).toISOString() });
	it.each([
		['an undocumented envelope', { items: [created(2), created(1)] }, 'Timely AI answered GET /v1/contacts without the list its document describes'],
		['an over-deep record', `{"data":[{"id":"c9","created_at":"2030-01-01T00:00:09.000Z","x":${deepJson(5_000)}}]}`, 'levels deep'],
	])('Timely AI New Contact, %s', async (_name, body, message) => {
		const staticData = {};
		server.answer(() => ({ body: { data: [created(0)] } }));
		expect(await poll('timelyAiRecordTrigger', { event: 'contactCreated' }, staticData)).toBeNull();
		const position = JSON.stringify(staticData);
		server.answer(() => ({ body }));
		await expect(poll('timelyAiRecordTrigger', { event: 'contactCreated' }, staticData)).rejects.toThrow(message);
		expect(JSON.stringify(staticData)).toBe(position);
	});
});

it('Convo Trigger: an integrations list in another shape fails the re-activation check instead of subscribing a second time', async () => {
	server.answer((request) => (request.method === 'POST' ? { body: { id: 'sub-1', signingSecret: 'whsec_0123456789abcdef' } } : { body: { items: [{ id: 'sub-1' }] } }));
	const staticData = {};
	expect(await hook('convoTrigger', 'create', { events: ['lead.created'] }, staticData)).toBe(true);
	server.requests.length = 0;
	const error = await hook('convoTrigger', 'checkExists', { events: ['lead.created'] }, staticData).then(() => undefined, (e: Error & { description?: string }) => e);
	expect(error?.message).toBe('Convo answered GET /integrations without the list its document describes');
	expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/integrations']);
});

describe('download file names (VoxStack Download Recording)', () => {
	const AUDIO = Buffer.from('RIFF....WAVEfmt fake audio bytes');
	const download = async (disposition: string | undefined, callId = CALL_ID) => {
		server.answer(() => ({ headers: { 'content-type': 'audio/mpeg', ...(disposition ? { 'content-disposition': disposition } : {}) }, body: AUDIO }));
		const { items, error } = await run('voxStack', { resource: 'call', operation: 'downloadRecording', callId: { __rl: true, mode: 'id', value: callId } });
		expect(error).toBeUndefined();
		expect(Buffer.from(String(items[0].binary?.data.data), 'base64')).toEqual(AUDIO);
		return items[0].json.fileName;
	};

	it.each([
		['a literal % in filename is kept, never "URI malformed"', 'attachment; filename="call 100%.mp3"', 'call 100%.mp3'],
		['filename* is preferred over filename, wherever it stands', `attachment; filename="fallback.mp3"; filename*=UTF-8''r%C3%A9sum%C3%A9%20100%25.mp3`, 'résumé 100%.mp3'],
		['filename* in ISO-8859-1', "attachment; filename*=iso-8859-1'en'%E9t%E9.mp3", 'été.mp3'],
		['a broken escape in filename* does not throw', "attachment; filename*=UTF-8''bad%ZZ%E9.mp3; filename=\"plain.mp3\"", 'bad%ZZ\uFFFD.mp3'],
		['escaped quotes in a quoted name', 'attachment; filename="say \\"hi\\".mp3"', 'say _hi_.mp3'],
		['a path is cut to its last segment', 'attachment; filename="../../.ssh/authorized_keys"', 'authorized_keys'],
		['Windows separators too', 'attachment; filename="C:\\\\Windows\\\\system32\\\\evil.dll"', 'evil.dll'],
		['control characters are dropped', "attachment; filename*=UTF-8''call%0D%0AX-Evil%3A%201%00.mp3", 'callX-Evil_ 1.mp3'],
		['direction overrides are dropped', "attachment; filename*=UTF-8''invoice%E2%80%AEpm3.exe", 'invoicepm3.exe'],
		['".." is no name: the fallback is used', 'attachment; filename=".."', `call-${CALL_ID}.mp3`],
		['no parameter: the fallback', 'inline', `call-${CALL_ID}.mp3`],
	])('%s', async (_name, disposition, expected) => {
		expect(await download(disposition)).toBe(expected);
	});

	it('a very long name is cut to 255 bytes, keeping its extension', async () => {
		const name = await download(`attachment; filename*=UTF-8''${'%C3%A9'.repeat(400)}.mp3`);
		expect(Buffer.byteLength(String(name))).toBeLessThanOrEqual(255);
		expect(String(name)).toMatch(/^é+\.mp3$/);
	});

	it('the fallback name built from a call ID with a slash (mapped by an expression) stays one name', async () => {
		expect(await download(undefined, '={{ "batch/7" }}')).toBe('call-batch_7.mp3');
	});
});
