// raia Record Trigger: new conversations of the agent key's agent, and new users of an agent
// listed with the organization key (the agent key's users answer is the agent itself).
import { AGENT_KEY, raiaSuite } from './setup';

const raia = raiaSuite();
const TYPE = 'raiaRecordTrigger';
type Row = Record<string, unknown> & { id: string };
const ids = (result: Awaited<ReturnType<typeof raia.poll>>) => (result?.[0] ?? []).map((item) => String(item.json.id));

async function api(method: string, url: string, body?: object): Promise<Row> {
	const res = await fetch(`${raia.url}/external${url}`, { method, headers: { 'agent-secret-key': AGENT_KEY, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
	expect(res.ok).toBe(true);
	return (await res.json()) as Row;
}

describe('raia Record Trigger', () => {
	it('new users and new conversations: once each, ordered by createdAt DESC', async () => {
		const users = {};
		const conversations = {};
		const byKey = await fetch(`${raia.url}/external/agents/by-api-key`, { headers: { 'agent-secret-key': AGENT_KEY } });
		const agentId = String(((await byKey.json()) as Row).id);
		const newUsers = { authentication: 'raiaOrganizationApi', event: 'userCreated', agentId };
		const old = await api('POST', '/users', { firstName: 'Old', lastName: 'User', email: 'old@example.com' });
		await api('POST', '/conversations', { conversationUserId: old.id });
		expect(await raia.poll(TYPE, newUsers, users)).toBeNull();
		expect(await raia.poll(TYPE, { event: 'conversationCreated' }, conversations)).toBeNull();
		const user = await api('POST', '/users', { firstName: 'New', lastName: 'User', email: 'new@example.com' });
		const conversation = await api('POST', '/conversations', { conversationUserId: user.id });
		expect(ids(await raia.poll(TYPE, newUsers, users))).toEqual([user.id]);
		expect(ids(await raia.poll(TYPE, { event: 'conversationCreated' }, conversations))).toEqual([conversation.id]);
		expect(await raia.poll(TYPE, newUsers, users)).toBeNull();
		expect(await raia.poll(TYPE, { event: 'conversationCreated' }, conversations)).toBeNull();
		const lists = raia.requests().filter((r) => r.method === 'GET' && (r.path === `/external/agents/${agentId}/users` || r.path === '/external/conversations'));
		expect(lists.every((r) => r.query.orderBy === 'createdAt' && r.query.orderDirection === 'DESC')).toBe(true);
		expect(ids(await raia.poll(TYPE, newUsers, users, true))).toEqual([user.id]);
	});

	it('new users are refused for a hostile agent ID before anything is sent', async () => {
		await expect(raia.poll(TYPE, { authentication: 'raiaOrganizationApi', event: 'userCreated', agentId: '..' }, {})).rejects.toThrow(/Agent ID/);
	});

	it('an event of the other key is refused, not polled with the wrong credential', async () => {
		await expect(raia.poll(TYPE, { authentication: 'raiaAgentApi', event: 'userCreated' }, {})).rejects.toThrow(/cannot be listed with this key/);
	});
});
