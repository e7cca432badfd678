'use strict';
// Velents simulator: the Agent.sa surface (Dispatch, Batch, lifecycle webhooks) and the Support
// Center surface (tenant tokens with abilities, `data` envelopes, Laravel-style 422 errors,
// paged history), from ../shared/seeds/velents-platform-api.txt and providers.md.
const crypto = require('node:crypto');
const { createSimulator } = require('../shared/server');


const DEFAULT_AGENT_TOKENS = {
	'agent-token-4-acme': { agentId: 4, public: 'acme_sales_Agent_4' },
};
const SUPPORT_ABILITIES = ['tickets.create', 'conversations.send', 'conversations.read'];
const DEFAULT_SUPPORT_TOKENS = {
	'Acme_7_PersonalAccessToken_1|s3cr3tPlainTextToken0123456789': { tenantId: 7, app: 'Acme', abilities: SUPPORT_ABILITIES },
	'Acme_7_PersonalAccessToken_2|readOnlyPlainTextToken987654321': { tenantId: 7, app: 'Acme', abilities: ['conversations.read'] },
	'Other_9_PersonalAccessToken_3|otherTenantPlainTextToken11111': { tenantId: 9, app: 'Other', abilities: SUPPORT_ABILITIES },
};

function errorBody(status, message, extra = {}) {
	return { message, ...extra };
}

const stamp = () => new Date().toISOString().replace('T', ' ').slice(0, 19);

function createVelentsSimulator({
	agentTokens = DEFAULT_AGENT_TOKENS,
	supportTokens = DEFAULT_SUPPORT_TOKENS,
	// The value the platform puts in x-velents-authorization (set in the Velents dashboard).
	platformAuthorization = 'velents-dashboard-shared-secret',
	eventDelayMs = 20,
} = {}) {
	let conversations;
	let tickets;
	let batches;
	let nextId;
	const pending = new Set();

	function seed() {
		conversations = new Map();
		tickets = [];
		batches = [];
		nextId = 100;
	}

	function invalid(errors) {
		return sim.fail(422, 'The given data was invalid.', { errors });
	}

	function checkWebhook(webhook, errors) {
		if (webhook === undefined || webhook === null) return;
		if (typeof webhook !== 'object') return void (errors.webhook = ['The webhook must be an object.']);
		if (webhook.link !== undefined) {
			try {
				new URL(webhook.link);
			} catch {
				errors['webhook.link'] = ['The webhook.link must be a valid URL.'];
			}
		}
		for (const key of ['body', 'headers']) {
			if (webhook[key] !== undefined && (typeof webhook[key] !== 'object' || Array.isArray(webhook[key]))) {
				errors[`webhook.${key}`] = [`The webhook.${key} must be an object.`];
			}
		}
	}

	function checkRow(row, prefix, errors) {
		if (!row || typeof row !== 'object') return void (errors[prefix || 'row'] = ['Each row must be an object.']);
		const at = (field) => (prefix ? `${prefix}.${field}` : field);
		// No phone format is published: only a missing phone is refused.
		if (typeof row.phone !== 'string' || !row.phone.trim()) errors[at('phone')] = [`The ${at('phone')} field is required.`];
		if (row.values !== undefined && (typeof row.values !== 'object' || Array.isArray(row.values))) errors[at('values')] = [`The ${at('values')} must be an object.`];
	}

	/** Plays a conversation's lifecycle to the webhook, in order, as the platform does. */
	function playConversation(agent, conversation, webhook) {
		if (!webhook || !webhook.link) return;
		const headers = { 'x-velents-authorization': platformAuthorization, ...(webhook.headers || {}) };
		const base = {
			agent: { id: agent.agentId, public: agent.public },
			conversation: { id: conversation.id, phone: conversation.phone, values: conversation.values },
			...(webhook.body || {}),
		};
		const history = [
			{ role: 'agent', message: 'مرحبا! أنا مساعد acme، كيف أقدر أساعدك؟', timestamp: new Date().toISOString() },
			{ role: 'customer', message: 'my name is shady', timestamp: new Date().toISOString() },
		];
		const message = { customer: 'my name is shady', agent: 'حياك يا Shady!', timestamp: new Date().toISOString() };
		const events = [
			{ event: { type: 'onStarted', about: 'conversation' }, ...base, conversation: { ...base.conversation, created_at: conversation.created_at }, result: { extraction: [] } },
			{ event: { type: 'onMessage', about: 'conversation' }, ...base, result: { extraction: [], message } },
			{ event: { type: 'onUpdate', about: 'conversation' }, ...base, result: { extraction: { customer_name: 'shady' }, message, history } },
			{ event: { type: 'onEnded', about: 'conversation' }, ...base, result: { extraction: { customer_name: 'shady' }, history } },
		];
		const run = (async () => {
			for (const payload of events) {
				await new Promise((r) => setTimeout(r, eventDelayMs));
				await sim.deliver(webhook.link, payload, headers);
			}
		})();
		pending.add(run);
		run.finally(() => pending.delete(run));
	}

	function startConversation(agent, row, channelId) {
		const conversation = { id: nextId++, phone: row.phone, values: row.values || {}, channel_id: channelId, agent_id: agent.agentId, created_at: stamp() };
		conversations.set(conversation.id, conversation);
		return conversation;
	}

	function supportConversation(ctx) {
		const id = Number(ctx.params.conversation);
		const ticket = tickets.find((t) => t.conversation_id === id && t.tenant_id === ctx.principal.tenantId);
		if (!ticket) throw sim.fail(404, 'Conversation not found.');
		return ticket;
	}

	const routes = [
		{
			method: 'POST', path: '/Integration/Agent/Dispatch', surface: 'agent',
			handler(ctx) {
				const body = ctx.body || {};
				const errors = {};
				if (!Number.isInteger(body.channel_id)) errors.channel_id = ['The channel id field is required and must be an integer.'];
				checkRow(body, '', errors);
				checkWebhook(body.webhook, errors);
				if (Object.keys(errors).length) throw invalid(errors);
				const conversation = startConversation(ctx.principal, body, body.channel_id);
				playConversation(ctx.principal, conversation, body.webhook);
				return { data: { conversation_id: conversation.id, phone: conversation.phone, status: 'queued' } };
			},
		},
		{
			method: 'POST', path: '/Integration/Agent/Batch', surface: 'agent',
			handler(ctx) {
				const body = ctx.body || {};
				const errors = {};
				if (!Number.isInteger(body.channel_id)) errors.channel_id = ['The channel id field is required and must be an integer.'];
				if (typeof body.name !== 'string' || !body.name.trim()) errors.name = ['The name field is required.'];
				if (!Array.isArray(body.rows) || body.rows.length === 0) errors.rows = ['The rows field is required and must contain at least one row.'];
				else body.rows.forEach((row, i) => checkRow(row, `rows.${i}`, errors));
				checkWebhook(body.webhook, errors);
				if (Object.keys(errors).length) throw invalid(errors);
				const started = body.rows.map((row) => startConversation(ctx.principal, row, body.channel_id));
				// Lifecycle events for small batches only, so a 1,000-row test stays a request-count test.
				if (started.length <= 10) for (const c of started) playConversation(ctx.principal, c, body.webhook);
				const batch = { id: batches.length + 1, name: body.name, rows: started.length, conversation_ids: started.map((c) => c.id) };
				batches.push(batch);
				return { data: { batch_id: batch.id, name: batch.name, rows: batch.rows, status: 'queued' } };
			},
		},
		{
			method: 'GET', path: '/Company/TenantAuth/me', surface: 'support',
			handler: (ctx) => ({ data: { tenant_id: ctx.principal.tenantId, app: ctx.principal.app, abilities: ctx.principal.abilities } }),
		},
		{
			method: 'POST', path: '/Company/Support/Tickets', surface: 'support', ability: 'tickets.create',
			handler(ctx) {
				const body = ctx.body || {};
				const errors = {};
				if (typeof body.subject !== 'string' || !body.subject.trim()) errors.subject = ['The subject field is required.'];
				if (body.message !== undefined && typeof body.message !== 'string') errors.message = ['The message must be a string.'];
				if (Object.keys(errors).length) throw invalid(errors);
				const ticket = {
					public_id: `TCK-${String(tickets.length + 1).padStart(5, '0')}`,
					conversation_id: nextId++,
					tenant_id: ctx.principal.tenantId,
					subject: body.subject,
					status: 'open',
					extra: Object.fromEntries(Object.entries(body).filter(([k]) => !['subject', 'message'].includes(k))),
					messages: body.message ? [{ id: nextId++, role: 'customer', message: body.message, created_at: stamp() }] : [],
				};
				tickets.push(ticket);
				const { messages, tenant_id, ...visible } = ticket;
				return sim.response(201, { data: visible });
			},
		},
		{
			method: 'POST', path: '/Company/Conversation/:conversation/Send', surface: 'support', ability: 'conversations.send',
			handler(ctx) {
				const ticket = supportConversation(ctx);
				const message = ctx.body && ctx.body.message;
				if (typeof message !== 'string' || !message.trim()) throw invalid({ message: ['The message field is required.'] });
				const entry = { id: nextId++, role: 'customer', message, created_at: stamp() };
				ticket.messages.push(entry);
				// The support agent answers, so the history shows a reply.
				ticket.messages.push({ id: nextId++, role: 'agent', message: `Thanks, we are on it (${ticket.public_id}).`, created_at: stamp() });
				return sim.response(201, { data: entry });
			},
		},
		{
			method: 'GET', path: '/Company/Conversation/:conversation/history', surface: 'support', ability: 'conversations.read',
			handler(ctx) {
				const ticket = supportConversation(ctx);
				const perPage = ctx.query.has('per_page') ? Number(ctx.query.get('per_page')) : 15;
				const page = ctx.query.has('page') ? Number(ctx.query.get('page')) : 1;
				if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw invalid({ per_page: ['The per page must be between 1 and 100.'] });
				if (!Number.isInteger(page) || page < 1) throw invalid({ page: ['The page must be at least 1.'] });
				const total = ticket.messages.length;
				const lastPage = Math.max(1, Math.ceil(total / perPage));
				const path = `/Company/Conversation/${ticket.conversation_id}/history`;
				return {
					data: ticket.messages.slice((page - 1) * perPage, page * perPage),
					meta: { current_page: page, last_page: lastPage, per_page: perPage, total },
					links: { next: page < lastPage ? `${path}?page=${page + 1}` : null, prev: page > 1 ? `${path}?page=${page - 1}` : null },
				};
			},
		},
	];

	const sim = createSimulator({
		name: 'velents',
		routes,
		errorBody,
		// Documented: X-RateLimit-Limit: 30 per token per minute.
		rateLimit: { limit: 30, windowMs: 60_000 },
		// Documented: Limit and Remaining on every answer, Retry-After only on a 429; no reset.
		rateLimitHeaders: ['limit', 'remaining', 'retryAfter'],
		authenticate(req) {
			const match = /^Bearer (.+)$/.exec(String(req.headers.authorization || ''));
			const token = match && match[1].trim();
			if (token && agentTokens[token]) return { id: `agent-${agentTokens[token].agentId}`, surface: 'agent', ...agentTokens[token] };
			if (token && supportTokens[token]) return { id: `tenant-${supportTokens[token].tenantId}-${token.slice(-4)}`, surface: 'support', ...supportTokens[token] };
			throw sim.fail(401, 'Unauthenticated.');
		},
		authorize(principal, route) {
			if (principal.surface !== route.surface) throw sim.fail(401, 'Unauthenticated.');
			if (route.ability && !principal.abilities.includes(route.ability)) {
				throw sim.fail(403, `This action is unauthorized. Missing ability: ${route.ability}.`);
			}
		},
		control: {
			data: () => ({ conversations: [...conversations.values()], tickets, batches }),
			// Posts the older `ondone` call shape, as some integrations still receive.
			legacy: async (body) => ({
				result: await sim.deliver(body.link, {
					event: { type: 'ondone', about: 'call' },
					agent: { id: 4, public: 'acme_sales_Agent_4' },
					call: { id: 55, phone: '+966500000001', values: { order_id: '77' } },
					result: {
						recording: 'rec-55.mp3',
						call_recording_url: 'https://cdn.example.com/rec-55.mp3',
						history: [{ role: 'assistant', content: 'Hello!', timeAdded: '2025-11-13 23:25:10' }],
						goals: { booked: true },
					},
				}, { 'x-velents-authorization': platformAuthorization, ...(body.headers || {}) }),
			}),
		},
		onReset: seed,
	});
	seed();
	sim.idle = async () => {
		while (pending.size) await Promise.all([...pending]);
	};
	sim.platformAuthorization = platformAuthorization;
	sim.data = () => ({ conversations: [...conversations.values()], tickets, batches });
	return sim;
}

module.exports = { createVelentsSimulator, DEFAULT_AGENT_TOKENS, DEFAULT_SUPPORT_TOKENS };

if (require.main === module) {
	const sim = createVelentsSimulator();
	sim.listen(Number(process.env.PORT || 0)).then((url) => console.log(`velents simulator on ${url}`));
}
