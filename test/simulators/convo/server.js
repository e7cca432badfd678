'use strict';
// Convo (Avelto) Public API v1 simulator, built from ../shared/seeds/convo-public-api.txt and
// providers.md: workspace-scoped bearer tokens with scopes, NestJS-style errors, limit/offset
// lists, 200-id bulk cap, 10 MB knowledge uploads, HTTPS-only webhooks and HMAC-signed events.
const crypto = require('node:crypto');
const { createSimulator, paginateOffset } = require('../shared/server');
const { UUID } = require('../shared/validate');

const ALL_SCOPES = [
	'conversations:read',
	'conversations:write',
	'leads:read',
	'leads:write',
	'agents:read',
	'agents:write',
	'analytics:read',
];
const LEAD_STATUSES = ['NEW', 'QUALIFIED', 'CONTACTED', 'WON', 'LOST'];
const CONVERSATION_STATUSES = ['OPEN', 'CLOSED'];
const BULK_ACTIONS = ['close', 'reopen', 'assign', 'tag', 'untag'];
const UPLOAD_TYPES = {
	'application/pdf': 'pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'text/html': 'html',
	'text/plain': 'txt',
	'text/markdown': 'md',
};
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_BULK_IDS = 200;

/** Default tokens: full access in workspace A, read-only leads, and one in workspace B. */
const DEFAULT_TOKENS = {
	convo_0123456789abcdef0123456789abcdef: { workspaceId: 'ws-a', scopes: ALL_SCOPES },
	convo_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: { workspaceId: 'ws-a', scopes: ['leads:read'] },
	convo_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: { workspaceId: 'ws-b', scopes: ALL_SCOPES },
};

function errorBody(status, message, extra = {}) {
	const names = {
		400: 'Bad Request',
		401: 'Unauthorized',
		403: 'Forbidden',
		404: 'Not Found',
		405: 'Method Not Allowed',
		413: 'Payload Too Large',
		415: 'Unsupported Media Type',
		429: 'Too Many Requests',
		500: 'Internal Server Error',
	};
	const body = { statusCode: status, error: names[status] ?? 'Error', message, ...extra };
	if (status >= 500 && !body.requestId) body.requestId = crypto.randomUUID();
	return body;
}

function now(offsetMs = 0) {
	return new Date(Date.now() + offsetMs).toISOString();
}

function createConvoSimulator({ tokens = DEFAULT_TOKENS, leads = 25 } = {}) {
	let workspaces;
	let jobPolls;

	function seed() {
		workspaces = {};
		jobPolls = new Map();
		for (const id of ['ws-a', 'ws-b']) {
			const agents = [
				{ id: crypto.randomUUID(), name: 'Sales agent', status: 'PUBLISHED', modelProvider: 'openai', modelName: 'gpt-4o-mini', systemPrompt: 'You sell shoes.' },
				{ id: crypto.randomUUID(), name: 'Support agent', status: 'DRAFT', modelProvider: 'anthropic', modelName: 'claude-haiku', systemPrompt: 'You help customers.' },
			];
			const channels = ['WEBSITE', 'WHATSAPP', 'VOICE'].map((type, i) => ({
				id: crypto.randomUUID(),
				type,
				name: `${type.toLowerCase()} channel`,
				agentId: agents[i % agents.length].id,
				createdAt: now(-i * 1000),
			}));
			workspaces[id] = {
				agents,
				channels,
				leads: [],
				conversations: [],
				jobs: [],
				integrations: [],
			};
			for (let i = 0; i < 6; i++) addConversation(id, { status: i % 3 === 2 ? 'CLOSED' : 'OPEN' });
		}
		for (let i = 0; i < leads; i++) addLead('ws-a', { name: `Lead ${i + 1}`, email: `lead${i + 1}@example.com` });
	}

	function addConversation(workspaceId, { status = 'OPEN', agentIndex } = {}) {
		const ws = workspaces[workspaceId];
		const index = ws.conversations.length;
		const agent = ws.agents[agentIndex ?? index % ws.agents.length];
		const conversation = {
			id: crypto.randomUUID(),
			agentId: agent.id,
			channelId: ws.channels[index % ws.channels.length].id,
			status,
			tagIds: index % 2 ? ['vip'] : [],
			operatorId: null,
			sentiment: 'neutral',
			createdAt: now(-index * 60_000),
			messages: [
				{ id: crypto.randomUUID(), role: 'USER', content: `Hello, I need help #${index + 1}`, createdAt: now(-index * 60_000) },
				{ id: crypto.randomUUID(), role: 'ASSISTANT', content: 'Happy to help!', createdAt: now(-index * 60_000 + 1000) },
			],
		};
		ws.conversations.push(conversation);
		return conversation;
	}

	function addLead(workspaceId, fields, source = 'seed') {
		const ws = workspaces[workspaceId];
		const index = ws.leads.length;
		const lead = {
			id: crypto.randomUUID(),
			status: 'NEW',
			fields,
			source,
			score: (index * 37) % 100,
			conversationId: null,
			crmExternalId: null,
			createdAt: now(index * 1000),
		};
		ws.leads.push(lead);
		return lead;
	}

	function conversationSummary(c) {
		const { messages, ...rest } = c;
		return rest;
	}

	/** Signs and delivers an event to every webhook integration subscribed to it. */
	async function emit(workspaceId, event, data, { layout = 'combined', timestamp, secretOverride } = {}) {
		const ws = workspaces[workspaceId];
		const targets = ws.integrations.filter((i) => i.type === 'WEBHOOK' && i.events.includes(event));
		const results = [];
		for (const integration of targets) {
			const body = JSON.stringify({ id: crypto.randomUUID(), event, createdAt: now(), workspaceId, data });
			const unix = timestamp ?? Math.floor(Date.now() / 1000);
			const signature = crypto
				.createHmac('sha256', secretOverride ?? integration.signingSecret)
				.update(`${unix}.${body}`)
				.digest('hex');
			const headers =
				layout === 'split'
					? { 'X-Convo-Signature': signature, 'X-Convo-Timestamp': String(unix) }
					: { 'X-Convo-Signature': `t=${unix},v1=${signature}` };
			results.push(await sim.deliver(integration.url, body, headers));
		}
		return results;
	}

	const requireFound = (item, what) => {
		if (!item) throw sim.fail(404, `${what} not found`);
		return item;
	};
	const ws = (ctx) => workspaces[ctx.principal.workspaceId];

	const routes = [
		{
			method: 'GET', path: '/api/v1/leads', scope: 'leads:read',
			handler(ctx) {
				let list = [...ws(ctx).leads];
				const status = ctx.query.get('status');
				if (status) {
					if (!LEAD_STATUSES.includes(status)) throw sim.fail(400, [`status must be one of: ${LEAD_STATUSES.join(', ')}`]);
					list = list.filter((l) => l.status === status);
				}
				const sort = ctx.query.get('sort') ?? 'newest';
				if (!['newest', 'score'].includes(sort)) throw sim.fail(400, ['sort must be one of: newest, score']);
				list.sort(sort === 'score'
					? (a, b) => (b.score ?? -1) - (a.score ?? -1) || a.id.localeCompare(b.id)
					: (a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
				return paginateOffset(sim, list, ctx.query);
			},
		},
		{
			method: 'POST', path: '/api/v1/leads', scope: 'leads:write',
			async handler(ctx) {
				const body = ctx.body ?? {};
				if (!body.fields || typeof body.fields !== 'object' || Array.isArray(body.fields)) {
					throw sim.fail(400, ['fields must be an object']);
				}
				if (body.source !== undefined && typeof body.source !== 'string') throw sim.fail(400, ['source must be a string']);
				const lead = addLead(ctx.principal.workspaceId, body.fields, body.source ?? 'api');
				await emit(ctx.principal.workspaceId, 'lead.created', lead);
				return sim.response(201, lead);
			},
		},
		{
			method: 'PATCH', path: '/api/v1/leads/:id/status', scope: 'leads:write',
			handler(ctx) {
				const lead = requireFound(ws(ctx).leads.find((l) => l.id === ctx.params.id), 'Lead');
				const status = ctx.body && ctx.body.status;
				if (!LEAD_STATUSES.includes(status)) throw sim.fail(400, [`status must be one of: ${LEAD_STATUSES.join(', ')}`]);
				lead.status = status;
				lead.updatedAt = now();
				return { id: lead.id, status: lead.status, updatedAt: lead.updatedAt };
			},
		},
		{
			method: 'GET', path: '/api/v1/conversations', scope: 'conversations:read',
			handler(ctx) {
				let list = ws(ctx).conversations;
				const agentId = ctx.query.get('agentId');
				const channelId = ctx.query.get('channelId');
				const status = ctx.query.get('status');
				const tagIds = ctx.query.get('tagIds');
				// Documented as one comma-separated value: a repeated or bracketed key, or an empty entry, is malformed.
				if (ctx.query.getAll('tagIds').length > 1 || [...ctx.query.keys()].some((k) => k.startsWith('tagIds['))) {
					throw sim.fail(400, ['tagIds must be one comma-separated value']);
				}
				if (tagIds !== null && tagIds.split(',').some((t) => !t.trim())) throw sim.fail(400, ['tagIds must not contain empty IDs']);
				for (const [key, value] of [['agentId', agentId], ['channelId', channelId]]) {
					if (value !== null && !UUID.test(value)) throw sim.fail(400, [`${key} must be a UUID`]);
				}
				if (status && !CONVERSATION_STATUSES.includes(status)) {
					throw sim.fail(400, [`status must be one of: ${CONVERSATION_STATUSES.join(', ')}`]);
				}
				if (agentId) list = list.filter((c) => c.agentId === agentId);
				if (channelId) list = list.filter((c) => c.channelId === channelId);
				if (status) list = list.filter((c) => c.status === status);
				if (tagIds) {
					const wanted = tagIds.split(',').map((t) => t.trim()).filter(Boolean);
					list = list.filter((c) => wanted.some((t) => c.tagIds.includes(t)));
				}
				// Newest first (the document names no order; the Record Trigger relies on this one).
				list = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
				return paginateOffset(sim, list.map(conversationSummary), ctx.query);
			},
		},
		{
			method: 'GET', path: '/api/v1/conversations/:id', scope: 'conversations:read',
			handler: (ctx) => requireFound(ws(ctx).conversations.find((c) => c.id === ctx.params.id), 'Conversation'),
		},
		{
			method: 'POST', path: '/api/v1/conversations/:id/operator-message', scope: 'conversations:write',
			handler(ctx) {
				const conversation = requireFound(ws(ctx).conversations.find((c) => c.id === ctx.params.id), 'Conversation');
				const content = ctx.body && ctx.body.content;
				if (typeof content !== 'string' || !content.trim()) throw sim.fail(400, ['content should not be empty']);
				const message = { id: crypto.randomUUID(), role: 'ASSISTANT', content, createdAt: now() };
				conversation.messages.push(message);
				return sim.response(201, message);
			},
		},
		{
			method: 'POST', path: '/api/v1/conversations/bulk', scope: 'conversations:write',
			async handler(ctx) {
				const { ids, action, operatorId, tagId } = ctx.body ?? {};
				if (!Array.isArray(ids) || ids.length === 0) throw sim.fail(400, ['ids must be a non-empty array']);
				if (ids.length > MAX_BULK_IDS) throw sim.fail(400, [`ids must contain no more than ${MAX_BULK_IDS} elements`]);
				if (!BULK_ACTIONS.includes(action)) throw sim.fail(400, [`action must be one of: ${BULK_ACTIONS.join(', ')}`]);
				if (action === 'assign' && !operatorId) throw sim.fail(400, ['operatorId is required for assign']);
				if ((action === 'tag' || action === 'untag') && !tagId) throw sim.fail(400, [`tagId is required for ${action}`]);
				let updated = 0;
				let skipped = 0;
				const closed = [];
				for (const id of ids) {
					const c = ws(ctx).conversations.find((x) => x.id === id);
					let changed = false;
					if (c) {
						if (action === 'close' && c.status !== 'CLOSED') { c.status = 'CLOSED'; changed = true; closed.push(c); }
						if (action === 'reopen' && c.status !== 'OPEN') { c.status = 'OPEN'; changed = true; }
						if (action === 'assign' && c.operatorId !== operatorId) { c.operatorId = operatorId; changed = true; }
						if (action === 'tag' && !c.tagIds.includes(tagId)) { c.tagIds.push(tagId); changed = true; }
						if (action === 'untag' && c.tagIds.includes(tagId)) { c.tagIds = c.tagIds.filter((t) => t !== tagId); changed = true; }
					}
					if (changed) updated++;
					else skipped++;
				}
				for (const c of closed) await emit(ctx.principal.workspaceId, 'conversation.closed', conversationSummary(c));
				return sim.response(201, { updated, skipped });
			},
		},
		{ method: 'GET', path: '/api/v1/agents', scope: 'agents:read', handler: (ctx) => ws(ctx).agents.map(({ systemPrompt, ...a }) => a) },
		{
			method: 'GET', path: '/api/v1/agents/:id', scope: 'agents:read',
			handler: (ctx) => requireFound(ws(ctx).agents.find((a) => a.id === ctx.params.id), 'Agent'),
		},
		{ method: 'GET', path: '/api/v1/channels', handler: (ctx) => ws(ctx).channels },
		{
			method: 'POST', path: '/api/v1/knowledge/upload', raw: true,
			handler(ctx) {
				const type = String(ctx.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
				if (!UPLOAD_TYPES[type]) {
					throw sim.fail(415, `Unsupported file type ${type || '(none)'}; use PDF, DOCX, HTML, TXT or MD`);
				}
				if (ctx.body.length > MAX_UPLOAD_BYTES) throw sim.fail(413, 'File exceeds the 10 MB limit');
				if (ctx.body.length === 0) throw sim.fail(400, 'File is empty');
				const job = {
					id: crypto.randomUUID(),
					type: 'UPLOAD',
					status: 'PENDING',
					fileName: String(ctx.headers['x-original-name'] || `upload.${UPLOAD_TYPES[type]}`),
					size: ctx.body.length,
					sha256: crypto.createHash('sha256').update(ctx.body).digest('hex'),
					createdAt: now(),
				};
				ws(ctx).jobs.push(job);
				return sim.response(201, job);
			},
		},
		{
			method: 'POST', path: '/api/v1/knowledge/crawl',
			handler(ctx) {
				const { url, depth } = ctx.body ?? {};
				let parsed;
				try { parsed = new URL(url); } catch { throw sim.fail(400, ['url must be a URL address']); }
				if (!['http:', 'https:'].includes(parsed.protocol)) throw sim.fail(400, ['url must be a URL address']);
				if (depth !== undefined && (!Number.isInteger(depth) || depth < 0)) throw sim.fail(400, ['depth must be a non-negative integer']);
				const job = { id: crypto.randomUUID(), type: 'CRAWL', status: 'PENDING', url, depth: depth ?? 1, createdAt: now() };
				ws(ctx).jobs.push(job);
				return sim.response(201, job);
			},
		},
		{
			method: 'GET', path: '/api/v1/knowledge/jobs/:id',
			handler(ctx) {
				const job = requireFound(ws(ctx).jobs.find((j) => j.id === ctx.params.id), 'Job');
				// Each poll moves the job on: PENDING -> RUNNING -> COMPLETED.
				const polls = (jobPolls.get(job.id) ?? 0) + 1;
				jobPolls.set(job.id, polls);
				job.status = polls === 1 ? 'RUNNING' : 'COMPLETED';
				job.progress = polls === 1 ? 50 : 100;
				return job;
			},
		},
		{
			method: 'POST', path: '/api/v1/integrations/webhook',
			handler(ctx) {
				const { type, url, events } = ctx.body ?? {};
				if (type !== 'WEBHOOK') throw sim.fail(400, ['type must be WEBHOOK']);
				sim.assertWebhookUrl(url);
				if (!Array.isArray(events) || events.length === 0 || events.some((e) => typeof e !== 'string' || !e)) {
					throw sim.fail(400, ['events must be a non-empty array of strings']);
				}
				const integration = {
					id: crypto.randomUUID(),
					type: 'WEBHOOK',
					url,
					events,
					status: 'CONNECTED',
					createdAt: now(),
					signingSecret: `wh_${crypto.randomBytes(24).toString('hex')}`,
				};
				ws(ctx).integrations.push(integration);
				return sim.response(201, integration);
			},
		},
		{
			method: 'GET', path: '/api/v1/integrations',
			handler: (ctx) => ws(ctx).integrations.map(({ signingSecret, ...rest }) => rest),
		},
	];

	const sim = createSimulator({
		name: 'convo',
		routes,
		errorBody,
		authenticate(req) {
			const header = String(req.headers.authorization || '');
			const match = /^Bearer (\S+)$/.exec(header);
			const token = match && tokens[match[1]];
			if (!token || token.revoked) throw sim.fail(401, 'Missing, invalid, revoked, or expired token');
			return { id: match[1].slice(0, 10), rateKey: token.workspaceId, ...token };
		},
		authorize(principal, route) {
			if (route.scope && !principal.scopes.includes(route.scope)) {
				throw sim.fail(403, `Token is missing the required scope: ${route.scope}`, { missingScope: route.scope });
			}
		},
		control: {
			// Deliver an event as the platform would: {workspaceId?, event, data, layout?, timestamp?, secretOverride?}
			emit: async (body) => ({ results: await emit(body.workspaceId ?? 'ws-a', body.event, body.data ?? {}, body) }),
			seed: (body) => {
				const created = [];
				for (let i = 0; i < (body.leads ?? 0); i++) created.push(addLead(body.workspaceId ?? 'ws-a', { name: `Seeded ${i + 1}` }).id);
				for (let i = 0; i < (body.conversations ?? 0); i++) created.push(addConversation(body.workspaceId ?? 'ws-a').id);
				return { created: created.length };
			},
			data: (body) => workspaces[body.workspaceId ?? 'ws-a'],
		},
		onReset: seed,
	});
	seed();
	sim.workspaces = () => workspaces;
	sim.emit = emit;
	sim.tokens = tokens;
	return sim;
}

module.exports = { createConvoSimulator, DEFAULT_TOKENS, ALL_SCOPES };

if (require.main === module) {
	const sim = createConvoSimulator();
	sim.listen(Number(process.env.PORT || 0)).then((url) => console.log(`convo simulator on ${url}`));
}
