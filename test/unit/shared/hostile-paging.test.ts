// Return All always ends. A provider that ignores `page`/`offset`, keeps `hasNextPage` true,
// reports an absurd `total_pages` or keeps sending the same `next` link would keep a list reading
// forever; every paging style the nodes use stops at the first page that does not advance, with
// an error naming the list and what the provider did. Lists that are merely long are still read
// to the end. The hostile server answers 410 after 100 requests, so code that does not stop fails
// here instead of hanging.
import { VoxStackLiveTranscriptTrigger } from '../../../nodes/VoxStack/VoxStackLiveTranscriptTrigger.node';
import type { HostileRequest } from './hostile-answers';
import { hostileSuite, records } from './hostile-answers';

// The live-transcript code needs the WebSocket client Node 22+ has as a global; jest runs on Node 20.
if (typeof WebSocket === 'undefined') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.assign(globalThis, { WebSocket: require('undici').WebSocket });
}

const { server, run, poll } = hostileSuite();

const numberOf = (request: HostileRequest, name: string, fallback: number) => (request.query[name] === undefined ? fallback : Number(request.query[name]));
const returnAll = { returnAll: true };

describe('offset paging (Convo: no end marker; VoxStack: a short page ends)', () => {
	it('Convo: a server that ignores offset is caught on the second page', async () => {
		server.answer(() => ({ body: records(0, 100) }));
		const { error, items } = await run('convo', { resource: 'lead', operation: 'getAll', ...returnAll });
		expect(error?.message).toBe('Convo kept paging GET /leads without advancing: it answered offset 100 with the same records as offset 0, so it ignores "offset"');
		expect(error?.name).toBe('NodeApiError');
		expect(items).toEqual([]);
		expect(server.requests.map((r) => r.query.offset)).toEqual(['0', '100']);
	});

	it('VoxStack: a server that cycles between two pages is caught when the first comes back', async () => {
		server.answer((request) => ({ body: { success: true, data: records(numberOf(request, 'offset', 0) % 200, 100) } }));
		const { error } = await run('voxStack', { resource: 'agent', operation: 'getAll', ...returnAll });
		expect(error?.message).toBe('VoxStack kept paging GET /agents without advancing: it answered offset 200 with the same records as offset 0, so it ignores "offset"');
		expect(server.requests).toHaveLength(3);
	});

	it('a long list is still read to the end: 1,050 Convo leads in pages the server caps at 30', async () => {
		server.answer((request) => {
			const offset = numberOf(request, 'offset', 0);
			return { body: { data: records(offset, Math.min(30, numberOf(request, 'limit', 20), 1050 - offset)) } };
		});
		const { error, items } = await run('convo', { resource: 'lead', operation: 'getAll', ...returnAll });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1050);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(1050);
	});
});

describe('page paging with hasNextPage (raia)', () => {
	const users = { authentication: 'raiaAgentApi', resource: 'agent', operation: 'getUsers', ...returnAll };
	const raiaPage = (page: number, data: unknown[], extra: object = {}) => ({ currentPage: page, pageSize: 100, totalItems: 1e6, totalPages: 1e4, hasNextPage: true, hasPreviousPage: page > 1, data, ...extra });

	it('hasNextPage true forever while page is ignored: caught on page 2', async () => {
		server.answer(() => ({ body: raiaPage(1, records(0, 100)) }));
		const { error } = await run('raia', users);
		expect(error?.message).toBe('raia kept paging GET /external/agents/users without advancing: it answered page 2 with the same records as page 1, so it ignores "page"');
		expect(server.requests).toHaveLength(2);
	});

	it('new records but the envelope says another page than the one asked for', async () => {
		server.answer((_request, count) => ({ body: raiaPage(1, records(count * 100, 100)) }));
		const { error } = await run('raia', users);
		expect(error?.message).toBe('raia kept paging GET /external/agents/users without advancing: it answered page 1 when page 2 was asked for');
	});

	it('a long list is still read to the end: 2,345 users, the page size capped at 50', async () => {
		server.answer((request) => {
			const page = numberOf(request, 'page', 1);
			const data = records((page - 1) * 50, Math.min(50, 2345 - (page - 1) * 50));
			return { body: raiaPage(page, data, { totalItems: 2345, totalPages: 47, hasNextPage: page < 47 }) };
		});
		const { error, items } = await run('raia', users);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2345);
		expect(server.requests).toHaveLength(47);
	});
});

describe('total-based paging (Timely AI: pagination.total_pages)', () => {
	const contacts = { resource: 'contact', operation: 'getAll', ...returnAll };
	const timelyPage = (page: number, data: unknown[], total: number, totalPages: number) => ({ data, pagination: { page, limit: 100, total, total_pages: totalPages } });

	it('an absurd total_pages while page is ignored: caught on page 2', async () => {
		server.answer(() => ({ body: timelyPage(1, records(0, 100), 1e9, 1e7) }));
		const { error } = await run('timelyAi', contacts);
		expect(error?.message).toBe('Timely AI kept paging GET /v1/contacts without advancing: it answered page 2 with the same records as page 1, so it ignores "page"');
		expect(server.requests).toHaveLength(2);
	});

	it('an absurd total_pages with new records: stopped once more records came than the total it reports', async () => {
		server.answer((request) => {
			const page = numberOf(request, 'page', 1);
			return { body: timelyPage(page, records((page - 1) * 100, 100), 250, 1e9) };
		});
		const { error } = await run('timelyAi', contacts);
		expect(error?.message).toBe('Timely AI kept paging GET /v1/contacts without advancing: it sent more records (300 by page 3) than the 250 it reports');
		expect(server.requests).toHaveLength(3);
	});

	it('a page number past what the totals allow is never asked for', async () => {
		server.answer((request) => {
			const page = numberOf(request, 'page', 1);
			return { body: timelyPage(page, records((page - 1) * 100, Math.max(0, Math.min(100, 250 - (page - 1) * 100))), 250, 1e9) };
		});
		const { error } = await run('timelyAi', contacts);
		expect(error?.message).toBe('Timely AI kept paging GET /v1/contacts without advancing: it reports more pages after page 3 (1000000000) though all 250 records it counts were sent');
		expect(server.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
	});

	it('a long list is still read to the end: 1,234 contacts in 13 requests', async () => {
		server.answer((request) => {
			const page = numberOf(request, 'page', 1);
			return { body: timelyPage(page, records((page - 1) * 100, Math.min(100, 1234 - (page - 1) * 100)), 1234, 13) };
		});
		const { error, items } = await run('timelyAi', contacts);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1234);
		expect(server.requests).toHaveLength(13);
	});
});

describe('next-link paging (Velents conversation history: links.next, meta)', () => {
	const history = { authentication: 'velentsSupportApi', resource: 'supportConversation', operation: 'history', conversationId: '42', ...returnAll };

	it('the same next link on every page, with new records: caught on page 2', async () => {
		server.answer((_request, count) => ({ body: { data: records(count * 100, 100), links: { next: '/Company/Conversation/42/history?page=2', prev: null } } }));
		const { error } = await run('velents', history);
		expect(error?.message).toBe('Velents kept paging GET /Company/Conversation/42/history without advancing: it sent the same next link twice (/Company/Conversation/42/history?page=2)');
		expect(server.requests).toHaveLength(2);
	});

	it('a next link while page is ignored: caught on page 2', async () => {
		server.answer((request) => ({ body: { data: records(0, 100), links: { next: `/history?page=${numberOf(request, 'page', 1) + 1}` } } }));
		const { error } = await run('velents', history);
		expect(error?.message).toBe('Velents kept paging GET /Company/Conversation/42/history without advancing: it answered page 2 with the same records as page 1, so it ignores "page"');
	});

	it('a long history is still read to the end: 512 messages by their next links', async () => {
		server.answer((request) => {
			const page = numberOf(request, 'page', 1);
			const last = Math.ceil(512 / 100);
			return { body: { data: records((page - 1) * 100, Math.min(100, 512 - (page - 1) * 100)), links: { next: page < last ? `/history?page=${page + 1}` : null } } };
		});
		const { error, items } = await run('velents', history);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(512);
		expect(server.requests).toHaveLength(6);
	});
});

describe('the VoxStack Live Transcript Trigger lists ongoing calls', () => {
	it('a server that ignores offset fails the activation instead of listing forever', async () => {
		server.answer(() => ({ body: { success: true, data: records(0, 100).map((r) => ({ ...r, status: 'in_progress' })) } }));
		const warnings: string[] = [];
		const context = {
			getNode: () => ({ name: 'Live', type: 'voxStackLiveTranscriptTrigger', credentials: { voxStackApi: { id: 'v1', name: 'v' } } }),
			getMode: () => 'trigger',
			getNodeParameter: (name: string, fallback?: unknown) => ({ options: { pollInterval: 60 } } as Record<string, unknown>)[name] ?? fallback,
			getCredentials: async () => ({ apiKey: 'voxstack-key', baseUrl: server.url }),
			emit: () => {},
			emitError: (error: Error) => warnings.push(error.message),
			logger: { warn: (message: string) => warnings.push(message) },
			helpers: {
				async httpRequestWithAuthentication(_type: string, options: { method: string; baseURL: string; url: string; qs?: Record<string, unknown> }) {
					const url = new URL(`${options.baseURL}${options.url}`);
					for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
					const res = await fetch(url, { method: options.method });
					return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
				},
			},
		};
		await expect(new VoxStackLiveTranscriptTrigger().trigger.call(context as never)).rejects.toThrow(
			'VoxStack kept paging GET /calls without advancing: it answered offset 100 with the same records as offset 0, so it ignores "offset"',
		);
		expect(server.requests).toHaveLength(2);
	});
});

describe('Record Triggers read newest first until the last position, and that read ends too', () => {
	// Records newer than any cursor, newest first: a poll only stops early at a record it has seen.
	const fresh = (from: number, count: number, field: string) => records(from, count).map((r) => ({ ...r, [field]: new Date(Date.UTC(2030, 0, 1) + Number(r.n) * 1000).toISOString() })).reverse();

	it.each([
		['Timely AI (page)', 'timelyAiRecordTrigger', { event: 'contactCreated' }, 'created_at', (body: unknown[]) => ({ data: body }), 'Timely AI kept paging GET /v1/contacts without advancing: it answered page 2 with the same records as page 1, so it ignores "page"'],
		['Convo (offset)', 'convoRecordTrigger', { event: 'conversationCreated' }, 'createdAt', (body: unknown[]) => body, 'Convo kept paging GET /conversations without advancing: it answered offset 100 with the same records as offset 0, so it ignores "offset"'],
		['raia (page)', 'raiaRecordTrigger', { authentication: 'raiaAgentApi', event: 'conversationCreated' }, 'createdAt', (body: unknown[]) => ({ data: body, hasNextPage: true }), 'raia kept paging GET /external/conversations without advancing: it answered page 2 with the same records as page 1, so it ignores "page"'],
	])('%s: a server that ignores the page parameter fails the poll on the second page and keeps the position', async (_name, type, parameters, field, envelope, message) => {
		const staticData = {};
		// Activation: the newest page is where the list stands.
		server.answer(() => ({ body: envelope(fresh(0, 100, field)) }));
		expect(await poll(type, parameters, staticData)).toBeNull();
		const position = JSON.stringify(staticData);
		// Then it answers the same 100 newer records for every page.
		server.answer(() => ({ body: envelope(fresh(1000, 100, field)) }));
		server.requests.length = 0;
		await expect(poll(type, parameters, staticData)).rejects.toThrow(message);
		expect(server.requests).toHaveLength(2);
		expect(JSON.stringify(staticData)).toBe(position);
	});

	it('Timely AI: records past the total it reports fail the poll', async () => {
		const staticData = {};
		server.answer(() => ({ body: { data: fresh(0, 100, 'created_at'), pagination: { page: 1, limit: 100, total: 100, total_pages: 1 } } }));
		expect(await poll('timelyAiRecordTrigger', { event: 'contactCreated' }, staticData)).toBeNull();
		server.answer((request) => {
			const page = numberOf(request, 'page', 1);
			return { body: { data: fresh(10_000 - page * 100, 100, 'created_at'), pagination: { page, limit: 100, total: 150, total_pages: 2 } } };
		});
		await expect(poll('timelyAiRecordTrigger', { event: 'contactCreated' }, staticData)).rejects.toThrow(
			'Timely AI kept paging GET /v1/contacts without advancing: it sent records at page 3, past the 150 records it reports',
		);
	});
});
