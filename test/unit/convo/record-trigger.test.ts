// Convo Record Trigger: new leads (minimum score), new conversations, status changes.
import { convoSuite, FULL_TOKEN } from './setup';

const convo = convoSuite();
const TYPE = 'convoRecordTrigger';
type Row = Record<string, unknown> & { id: string };
const ids = (result: Awaited<ReturnType<typeof convo.poll>>) => (result?.[0] ?? []).map((item) => String(item.json.id));

async function api(method: string, url: string, body?: object): Promise<Row> {
	const res = await fetch(`${convo.url}/api/v1${url}`, { method, headers: { authorization: `Bearer ${FULL_TOKEN}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
	expect(res.ok).toBe(true);
	return (await res.json()) as Row;
}
function newConversation(status = 'OPEN'): Row {
	const list = convo.data().conversations as Row[];
	const conversation = { ...list[0], id: crypto.randomUUID(), status, createdAt: new Date().toISOString() };
	list.push(conversation);
	return conversation;
}

describe('Convo Record Trigger', () => {
	it('new leads: once each, newest first with sort=newest, and only those at the minimum score', async () => {
		const all = {};
		const scored = {};
		expect(await convo.poll(TYPE, { event: 'leadCreated' }, all)).toBeNull();
		expect(await convo.poll(TYPE, { event: 'leadCreated', minScore: 50 }, scored)).toBeNull();
		const leads = [];
		for (let i = 0; i < 4; i++) leads.push(await api('POST', '/leads', { fields: { name: `New ${i}` } }));
		expect(ids(await convo.poll(TYPE, { event: 'leadCreated' }, all)).sort()).toEqual(leads.map((l) => l.id).sort());
		const high = leads.filter((l) => Number(l.score) >= 50).map((l) => l.id);
		expect(ids(await convo.poll(TYPE, { event: 'leadCreated', minScore: 50 }, scored)).sort()).toEqual(high.sort());
		expect(await convo.poll(TYPE, { event: 'leadCreated' }, all)).toBeNull();
		expect(convo.requests().filter((r) => r.path === '/api/v1/leads' && r.method === 'GET').every((r) => r.query.sort === 'newest')).toBe(true);
	});

	it('new conversations: once each', async () => {
		const state = {};
		expect(await convo.poll(TYPE, { event: 'conversationCreated' }, state)).toBeNull();
		const conversation = newConversation();
		expect(ids(await convo.poll(TYPE, { event: 'conversationCreated' }, state))).toEqual([conversation.id]);
		expect(await convo.poll(TYPE, { event: 'conversationCreated' }, state)).toBeNull();
	});

	it('status changes of the newest conversations: a close once, a reopen once, filtered by To Status', async () => {
		const any = {};
		const toClosed = {};
		await convo.poll(TYPE, { event: 'conversationStatusChanged' }, any);
		await convo.poll(TYPE, { event: 'conversationStatusChanged', toStatus: 'CLOSED' }, toClosed);
		const open = (convo.data().conversations as Row[]).find((c) => c.status === 'OPEN')!;
		await api('POST', '/conversations/bulk', { ids: [open.id], action: 'close' });
		expect(ids(await convo.poll(TYPE, { event: 'conversationStatusChanged' }, any))).toEqual([open.id]);
		expect(ids(await convo.poll(TYPE, { event: 'conversationStatusChanged', toStatus: 'CLOSED' }, toClosed))).toEqual([open.id]);
		await api('POST', '/conversations/bulk', { ids: [open.id], action: 'reopen' });
		expect(ids(await convo.poll(TYPE, { event: 'conversationStatusChanged' }, any))).toEqual([open.id]);
		expect(await convo.poll(TYPE, { event: 'conversationStatusChanged', toStatus: 'CLOSED' }, toClosed)).toBeNull();
		// A new conversation is not a status change.
		newConversation('CLOSED');
		expect(await convo.poll(TYPE, { event: 'conversationStatusChanged' }, any)).toBeNull();
		expect(await convo.poll(TYPE, { event: 'conversationStatusChanged' }, any)).toBeNull();
	});
});
