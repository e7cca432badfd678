'use strict';
// Timely AI API simulator, from ../shared/seeds/timely-ai-api.txt: x-api-key with scopes,
// `data` envelopes, {error:{code,message,status}} errors, page/limit lists with a pagination
// object, the documented field constraints, and agent webhooks delivered with their headers.
const crypto = require('node:crypto');
const { createSimulator } = require('../shared/server');
const { str, email, oneOf, int, num, bool, strings, object, uuid, uri, nullable, required, checkField, validateBody } = require('../shared/validate');

const ALL_SCOPES = 'contacts:read contacts:write leads:read leads:write pipeline:read pipeline:write conversations:read messages:read chats:write agents:read agents:write trainings:read trainings:write channels:read channels:write custom-fields:read custom-fields:write interactions:read interactions:write intentions:read intentions:write idle-actions:read idle-actions:write transfer-rules:read transfer-rules:write webhooks:read webhooks:write mcp:read mcp:write'.split(' ');
const DEFAULT_KEYS = {
	'tmly_full_0123456789abcdef': { company: 'c1', scopes: ALL_SCOPES },
	'tmly_contacts_read_only_01': { company: 'c1', scopes: ['contacts:read'] },
	'tmly_other_company_key_001': { company: 'c2', scopes: ALL_SCOPES },
};
const CODES = { 400: 'VALIDATION_ERROR', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMIT_EXCEEDED', 500: 'INTERNAL_ERROR' };
const errorBody = (status, message) => ({ error: { code: CODES[status] ?? 'ERROR', message, status } });
const now = () => new Date().toISOString();
const { UUID } = require('../shared/validate');

function createTimelySimulator({ keys = DEFAULT_KEYS } = {}) {
	let companies;

	function seed() {
		companies = {};
		for (const company of ['c1', 'c2']) {
			const c = { contacts: [], leads: [], opportunities: [], conversations: [], agents: [], channels: [], customFields: [], trainings: [], pipelineColumns: [] };
			const stamp = now();
			c.pipelineColumns = ['New', 'Qualified', 'Proposal', 'Won'].map((name, position) => ({ id: crypto.randomUUID(), company_id: company, name, position, created_at: stamp, updated_at: stamp }));
			companies[company] = c;
			const agent = make(c.agents, company, { name: 'Sales Assistant', description: null, model: 'gpt-4o', status: 'active', personality: null, behavior_rules: [], communication_style: 'normal', max_tokens: null, temperature: 0.7 });
			Object.assign(agent, extrasFor());
			make(c.channels, company, { name: 'WhatsApp Main', type: 'whatsapp', agent_id: agent.id, status: 'active', config: { provider: 'zapi', api_key: null, welcome_message: null, auto_reply: true, business_hours: null }, widget: {} });
			const conversation = addConversation(c, company, agent, 'whatsapp', 'Joao Silva');
			conversation.messages.push(message(conversation, 'user', 'Ola!'), message(conversation, 'assistant', 'Ola! Como posso ajudar?'));
		}
	}

	function extrasFor() {
		return {
			settings: { model: 'gpt-4o', temperature: 0.7, max_tokens: 1024, communication_style: 'normal', response_format: null, language: null },
			webhooks: [],
			history: [{ id: crypto.randomUUID(), change: 'created', created_at: now() }],
			intentions: [],
			idleActions: [],
			transferRules: [],
			mcpServers: [],
			tools: [],
		};
	}

	function make(list, company, fields) {
		// One instant for both, as a database default does: a new record is not an updated one.
		const at = now();
		const record = { id: crypto.randomUUID(), company_id: company, ...fields, created_at: at, updated_at: at };
		list.push(record);
		return record;
	}

	function addConversation(c, company, agent, channel, customerName) {
		return make(c.conversations, company, { agent_id: agent.id, customer_name: customerName, channel, status: 'active', ai_mode: 'auto', last_message_at: now(), messages: [] });
	}

	function message(conversation, role, content) {
		conversation.last_message_at = now();
		return { id: crypto.randomUUID(), conversation_id: conversation.id, content, role, created_at: now() };
	}

	// --- request helpers ------------------------------------------------------------------
	const co = (ctx) => companies[ctx.principal.company];
	const fail = (status, message) => sim.fail(status, message);
	const strip = (record) => {
		if (!record) return record;
		const { messages, settings, webhooks, history, intentions, idleActions, transferRules, mcpServers, tools, config, widget, ...visible } = record;
		return visible;
	};
	const ok = (data) => ({ data });
	const created = (data) => sim.response(201, { data });
	function find(list, id, what) {
		const record = list.find((r) => r.id === id);
		if (!record) throw fail(404, `${what} not found`);
		return record;
	}

	const validate = (body, schema, partial = false) => validateBody(sim, body, schema, partial);

	/** page/limit/sort/order/search + equality filters, as every documented list does. */
	function list(records, query, { sort = [], search = [], filters = {}, defaultSort = 'created_at' } = {}) {
		const page = query.has('page') ? Number(query.get('page')) : 1;
		const limit = query.has('limit') ? Number(query.get('limit')) : 20;
		if (!Number.isInteger(page) || page < 1) throw fail(400, 'page must be an integer >= 1');
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw fail(400, 'limit must be an integer between 1 and 100');
		const order = query.get('order') ?? 'desc';
		if (!['asc', 'desc'].includes(order)) throw fail(400, 'order must be one of: asc, desc');
		const sortKey = query.get('sort') ?? defaultSort;
		if (query.has('sort') && !sort.includes(sortKey)) throw fail(400, `sort must be one of: ${sort.join(', ')}`);
		let result = records;
		for (const [param, rule] of Object.entries(filters)) {
			const value = query.get(param);
			if (value === null) continue;
			if (rule && rule.t === 'enum' && !rule.values.includes(value)) throw fail(400, `${param} must be one of: ${rule.values.join(', ')}`);
			if (rule && rule.t === 'uuid' && !UUID.test(value)) throw fail(400, `${param} must be a valid UUID`);
			if ((param === 'from' || param === 'to') && Number.isNaN(Date.parse(value))) throw fail(400, `${param} must be an ISO 8601 date-time`);
			if (param === 'from') result = result.filter((r) => r.created_at >= value);
			else if (param === 'to') result = result.filter((r) => r.created_at <= value);
			else result = result.filter((r) => String(r[param]) === value);
		}
		const term = query.get('search');
		if (term) result = result.filter((r) => search.some((f) => String(r[f] ?? '').toLowerCase().includes(term.toLowerCase())));
		// Ties (same timestamp) follow insertion order, as a serial key would.
		const position = new Map(records.map((r, i) => [r, i]));
		result = [...result].sort((a, b) => {
			const cmp = String(a[sortKey] ?? '').localeCompare(String(b[sortKey] ?? ''), undefined, { numeric: true }) || position.get(a) - position.get(b);
			return order === 'asc' ? cmp : -cmp;
		});
		const total = result.length;
		return { data: result.slice((page - 1) * limit, page * limit).map(strip), pagination: { page, limit, total, total_pages: Math.ceil(total / limit) } };
	}

	/** Delivers an agent event to each active webhook that asked for it, with its headers. */
	async function emit(company, agentId, event, data) {
		const agent = companies[company].agents.find((a) => a.id === agentId);
		if (!agent) return [];
		const results = [];
		for (const hook of agent.webhooks.filter((w) => w.is_active !== false && w.events.includes(event))) {
			results.push(await sim.deliver(hook.url, { event, agent_id: agentId, timestamp: now(), data }, hook.headers || {}));
		}
		return results;
	}

	// --- schemas (from the document) ------------------------------------------------------
	const CONTACT = { customer_name: required(str(1, 255)), customer_phone: str(0, 50), customer_email: email(), customer_company: str(0, 255), customer_position: str(0, 255), tags: strings, notes: str(), source: str(0, 100), status: oneOf('active', 'inactive', 'blocked'), metadata: object };
	const LEAD_STATUS = oneOf('new', 'contacted', 'qualified', 'proposal', 'negotiation', 'won', 'lost');
	const LEAD = { customer_name: required(str(1, 255)), customer_phone: str(0, 50), customer_email: email(), status: LEAD_STATUS, score: int(0, 100), budget_range: str(0, 100), pain_points: strings, contact_id: uuid, qualification_data: object };
	const STAGE = oneOf('prospecting', 'qualification', 'proposal', 'negotiation', 'closing', 'won', 'lost');
	const OPPORTUNITY = { title: required(str(1, 255)), lead_id: uuid, value: num(0), probability: int(0, 100), stage: STAGE };
	const MODEL = oneOf('gpt-4o', 'gpt-4o-mini', 'gpt-4-turbo', 'claude-3.7-sonnet', 'claude-3.5-haiku', 'claude-3-opus');
	const STYLE = oneOf('formal', 'normal', 'casual');
	const AGENT = { name: required(str(1, 255)), description: str(0, 1000), model: MODEL, personality: str(0, 2000), behavior_rules: strings, communication_style: STYLE };
	const AGENT_UPDATE = { ...AGENT, max_tokens: int(1), temperature: num(0, 1) };
	const SETTINGS = { model: MODEL, temperature: num(0, 1), max_tokens: int(1), communication_style: STYLE, response_format: nullable(oneOf('text', 'json', 'markdown')), language: nullable(str()) };
	const CHANNEL_TYPE = oneOf('whatsapp', 'telegram', 'email', 'website');
	const CUSTOM_FIELD = { name: required(str(1, 255)), field_type: oneOf('text', 'number', 'date', 'select', 'multiselect', 'boolean'), options: strings, is_required: bool, display_order: int(0) };
	const INTENTION = { name: required(str(1, 255)), description: str(), examples: strings, action_type: str(0, 100), action_config: object };
	const IDLE = { name: required(str(1, 255)), action_type: oneOf('message', 'send_message', 'transfer', 'close', 'webhook'), trigger_after_minutes: required(int(1, 1440)), action_config: object, is_active: bool };
	const RULE = { name: required(str(1, 255)), condition_type: required(oneOf('keyword', 'intent', 'time', 'custom')), condition_config: object, target_type: required(oneOf('agent', 'team', 'department', 'webhook')), target_id: str(0, 255), priority: int(0), is_active: bool };

	// --- routes ---------------------------------------------------------------------------
	const routes = [];
	const route = (method, path, scope, handler) => routes.push({ method, path: `/v1${path}`, scope, handler });

	/** The five CRUD routes of a company-level collection. */
	function crud(path, collection, what, read, write, schema, listOptions) {
		route('GET', path, read, (ctx) => list(co(ctx)[collection], ctx.query, listOptions));
		route('POST', path, write, (ctx) => created(strip(make(co(ctx)[collection], ctx.principal.company, { ...defaultsFor(collection), ...validate(ctx.body, schema) }))));
		route('GET', `${path}/:id`, read, (ctx) => ok(strip(find(co(ctx)[collection], ctx.params.id, what))));
		route('PUT', `${path}/:id`, write, (ctx) => {
			const record = find(co(ctx)[collection], ctx.params.id, what);
			Object.assign(record, validate(ctx.body, schema, true), { updated_at: now() });
			return ok(strip(record));
		});
		route('DELETE', `${path}/:id`, write, (ctx) => {
			const items = co(ctx)[collection];
			items.splice(items.indexOf(find(items, ctx.params.id, what)), 1);
			return ok({ deleted: true });
		});
	}
	const defaultsFor = (collection) => ({ contacts: { status: 'active' }, leads: { status: 'new' }, opportunities: { stage: 'prospecting' } })[collection] ?? {};

	route('GET', '/me', null, (ctx) => ok({ id: crypto.randomUUID(), company_id: ctx.principal.company, workspace_id: null, key_name: ctx.principal.name, scopes: ctx.principal.scopes, is_active: true }));
	crud('/contacts', 'contacts', 'Contact', 'contacts:read', 'contacts:write', CONTACT, { sort: ['created_at', 'updated_at', 'customer_name', 'customer_email', 'status'], search: ['customer_name', 'customer_email', 'customer_phone'], filters: { status: oneOf('active', 'inactive', 'blocked') } });
	crud('/leads', 'leads', 'Lead', 'leads:read', 'leads:write', LEAD, { sort: ['created_at', 'updated_at', 'customer_name', 'status', 'score'], search: ['customer_name', 'customer_email'], filters: { status: LEAD_STATUS } });
	crud('/opportunities', 'opportunities', 'Opportunity', 'pipeline:read', 'pipeline:write', OPPORTUNITY, { sort: ['created_at', 'updated_at', 'title', 'value', 'probability', 'stage'], filters: { stage: STAGE, lead_id: uuid } });
	route('GET', '/pipeline/columns', 'pipeline:read', (ctx) => ok([...co(ctx).pipelineColumns].sort((a, b) => a.position - b.position)));

	// Conversations, messages, handoff.
	const conversation = (ctx, id = ctx.params.id) => find(co(ctx).conversations, id, 'Conversation');
	route('GET', '/conversations', 'conversations:read', (ctx) => list(co(ctx).conversations.filter((c) => c.status !== 'deleted'), ctx.query, { sort: ['created_at', 'last_message_at', 'customer_name', 'channel', 'status'], defaultSort: 'last_message_at', search: ['customer_name'], filters: { channel: null, status: null } }));
	route('GET', '/conversations/:id', 'conversations:read', (ctx) => ok(strip(conversation(ctx))));
	route('DELETE', '/conversations/:id', 'chats:write', (ctx) => {
		const items = co(ctx).conversations;
		items.splice(items.indexOf(conversation(ctx)), 1);
		return ok({ deleted: true });
	});
	route('GET', '/conversations/:id/messages', 'messages:read', (ctx) => list(conversation(ctx).messages, ctx.query, { sort: ['created_at'] }));
	route('POST', '/conversations/:id/messages', 'chats:write', async (ctx) => {
		const c = conversation(ctx);
		const body = validate(ctx.body, { content: required(str(1)), type: oneOf('text', 'image', 'audio', 'document'), media_url: uri });
		if (body.type && body.type !== 'text' && !body.media_url) throw fail(400, `media_url is required for ${body.type} messages`);
		const m = { ...message(c, 'assistant', body.content), type: body.type ?? 'text', media_url: body.media_url ?? null };
		c.messages.push(m);
		return created(m);
	});
	route('DELETE', '/conversations/:id/messages', 'chats:write', (ctx) => {
		const c = conversation(ctx);
		const count = c.messages.length;
		c.messages = [];
		return ok({ deleted: true, count });
	});
	route('PUT', '/conversations/:id/messages/:messageId', 'chats:write', (ctx) => {
		const m = find(conversation(ctx).messages, ctx.params.messageId, 'Message');
		Object.assign(m, validate(ctx.body, { content: required(str(1)) }), { edited: true });
		return ok(m);
	});
	route('DELETE', '/conversations/:id/messages/:messageId', 'chats:write', (ctx) => {
		const c = conversation(ctx);
		c.messages.splice(c.messages.indexOf(find(c.messages, ctx.params.messageId, 'Message')), 1);
		return ok({ deleted: true });
	});
	route('POST', '/conversations/:id/human-handoff', 'chats:write', (ctx) => {
		const c = conversation(ctx);
		const body = validate(ctx.body ?? {}, { attendant_id: uuid, reason: str(0, 500) });
		c.ai_mode = 'paused';
		c.handoff = { status: 'human_active', attendant_id: body.attendant_id ?? null, reason: body.reason ?? null };
		return ok({ conversation_id: c.id, status: 'human_active', attendant_id: c.handoff.attendant_id, transferred_at: now() });
	});
	route('POST', '/conversations/:id/ai-resume', 'chats:write', (ctx) => {
		const c = conversation(ctx);
		c.ai_mode = 'auto';
		return ok({ conversation_id: c.id, status: 'ai_active', resumed_at: now() });
	});

	// Agents and everything under /agents/{id}.
	const agent = (ctx) => find(co(ctx).agents, ctx.params.id, 'Agent');
	route('GET', '/agents', 'agents:read', (ctx) => list(co(ctx).agents, ctx.query, { sort: ['created_at', 'updated_at', 'name', 'status'], search: ['name'], filters: { status: oneOf('active', 'inactive') } }));
	route('POST', '/agents', 'agents:write', (ctx) => created(strip(Object.assign(make(co(ctx).agents, ctx.principal.company, { model: 'gpt-4o', communication_style: 'normal', status: 'active', ...validate(ctx.body, AGENT) }), extrasFor()))));
	route('GET', '/agents/:id', 'agents:read', (ctx) => ok(strip(agent(ctx))));
	route('PUT', '/agents/:id', 'agents:write', (ctx) => {
		const a = agent(ctx);
		const changes = validate(ctx.body, AGENT_UPDATE, true);
		Object.assign(a, changes, { updated_at: now() });
		a.history.push({ id: crypto.randomUUID(), change: `updated ${Object.keys(changes).join(', ')}`, created_at: now() });
		return ok(strip(a));
	});
	route('DELETE', '/agents/:id', 'agents:write', (ctx) => {
		const items = co(ctx).agents;
		items.splice(items.indexOf(agent(ctx)), 1);
		return ok({ deleted: true });
	});
	for (const [action, status] of [['activate', 'active'], ['deactivate', 'inactive']]) {
		route('POST', `/agents/:id/${action}`, 'agents:write', (ctx) => {
			const a = agent(ctx);
			if (a.status === status) throw fail(400, `Agent is already ${status}`);
			a.status = status;
			return ok(strip(a));
		});
	}
	route('GET', '/agents/:id/settings', 'agents:read', (ctx) => ok(agent(ctx).settings));
	route('PUT', '/agents/:id/settings', 'agents:write', (ctx) => ok(Object.assign(agent(ctx).settings, validate(ctx.body, SETTINGS, true))));
	route('GET', '/agents/:id/webhooks', 'agents:read', (ctx) => ok({ webhooks: agent(ctx).webhooks }));
	route('PUT', '/agents/:id/webhooks', 'agents:write', (ctx) => {
		const a = agent(ctx);
		const hooks = ctx.body && ctx.body.webhooks;
		if (!Array.isArray(hooks)) throw fail(400, 'webhooks must be an array');
		for (const [i, hook] of hooks.entries()) {
			const problem = checkField(`webhooks[${i}].url`, uri, hook && hook.url) ?? checkField(`webhooks[${i}].events`, strings, hook && hook.events) ?? (hook.headers != null ? checkField(`webhooks[${i}].headers`, object, hook.headers) : undefined) ?? (hook.is_active !== undefined ? checkField(`webhooks[${i}].is_active`, bool, hook.is_active) : undefined);
			if (problem) throw fail(400, problem);
		}
		a.webhooks = hooks.map((h) => ({ url: h.url, events: h.events, headers: h.headers ?? null, is_active: h.is_active ?? true }));
		return ok({ webhooks: a.webhooks });
	});
	route('POST', '/agents/:id/conversation', 'agents:write', async (ctx) => {
		const a = agent(ctx);
		const body = validate(ctx.body, { message: required(str(1)), conversation_id: uuid, type: oneOf('text', 'image', 'audio') });
		if (a.status !== 'active') throw fail(400, 'Agent is inactive');
		let c;
		if (body.conversation_id) c = conversation(ctx, body.conversation_id);
		else {
			c = addConversation(co(ctx), ctx.principal.company, a, 'api', null);
			await emit(ctx.principal.company, a.id, 'conversation.started', { conversation_id: c.id, channel: 'api' });
		}
		const reply = `Happy to help with: ${body.message}`;
		c.messages.push(message(c, 'user', body.message), message(c, 'assistant', reply));
		await emit(ctx.principal.company, a.id, 'message.received', { conversation_id: c.id, content: body.message, role: 'user' });
		return ok({ response: reply, conversation_id: c.id, tokens_used: 42, model: a.model });
	});
	route('POST', '/agents/:id/context', 'agents:write', (ctx) => {
		agent(ctx);
		const body = validate(ctx.body, { conversation_id: required(uuid), role: oneOf('system', 'user', 'assistant'), content: required(str(1)) });
		const c = conversation(ctx, body.conversation_id);
		c.messages.push(message(c, body.role ?? 'system', body.content));
		return ok({ success: true });
	});
	route('GET', '/agents/:id/credits', 'agents:read', (ctx) => {
		agent(ctx);
		const day = now().slice(0, 10);
		return ok({ total_credits: 12.5, period_start: `${day}T00:00:00.000Z`, period_end: now(), breakdown: [{ date: day, credits: 12.5, conversations: 3 }] });
	});
	route('GET', '/agents/:id/behavior-history', 'agents:read', (ctx) => list(agent(ctx).history, ctx.query));

	// Trainings.
	route('POST', '/agents/:id/trainings', 'trainings:write', (ctx) => {
		const a = agent(ctx);
		const body = validate(ctx.body, { type: required(oneOf('text', 'url', 'file')), content: str(), file_url: str(), name: str(0, 255) });
		if ((body.type === 'text' || body.type === 'url') && !body.content) throw fail(400, `content is required for ${body.type} trainings`);
		if (body.type === 'file' && !body.file_url) throw fail(400, 'file_url is required for file trainings');
		return created(make(co(ctx).trainings, ctx.principal.company, { agent_id: a.id, status: 'completed', ...body }));
	});
	route('GET', '/agents/:id/trainings', 'trainings:read', (ctx) => list(co(ctx).trainings.filter((t) => t.agent_id === agent(ctx).id), ctx.query, { sort: ['created_at', 'updated_at', 'type', 'status'], filters: { type: oneOf('text', 'url', 'file'), status: oneOf('processing', 'completed', 'failed') } }));
	route('PUT', '/trainings/:id', 'trainings:write', (ctx) => {
		const t = find(co(ctx).trainings, ctx.params.id, 'Training');
		if (t.type !== 'text') throw fail(400, 'Only text trainings can be updated');
		return ok(Object.assign(t, validate(ctx.body, { content: str() }, true), { updated_at: now() }));
	});
	route('DELETE', '/trainings/:id', 'trainings:write', (ctx) => {
		const items = co(ctx).trainings;
		items.splice(items.indexOf(find(items, ctx.params.id, 'Training')), 1);
		return ok({ deleted: true });
	});

	// Channels.
	const channel = (ctx) => find(co(ctx).channels, ctx.params.id, 'Channel');
	route('POST', '/channels', 'channels:write', (ctx) => {
		const body = validate(ctx.body, { name: required(str(1, 255)), type: required(CHANNEL_TYPE), agent_id: required(uuid) });
		find(co(ctx).agents, body.agent_id, 'Agent');
		return created(strip(make(co(ctx).channels, ctx.principal.company, { ...body, status: 'connecting', config: { provider: null, api_key: null, welcome_message: null, auto_reply: false, business_hours: null }, widget: {} })));
	});
	route('GET', '/channels', 'channels:read', (ctx) => list(co(ctx).channels, ctx.query, { sort: ['created_at', 'updated_at', 'name', 'type', 'status'], search: ['name'], filters: { type: CHANNEL_TYPE, status: oneOf('active', 'inactive', 'connecting', 'error') } }));
	route('PUT', '/channels/:id', 'channels:write', (ctx) => ok(strip(Object.assign(channel(ctx), validate(ctx.body, { name: str(1, 255), agent_id: uuid }, true), { updated_at: now() }))));
	route('DELETE', '/channels/:id', 'channels:write', (ctx) => {
		const items = co(ctx).channels;
		items.splice(items.indexOf(channel(ctx)), 1);
		return ok({ deleted: true });
	});
	route('GET', '/channels/:id/config', 'channels:read', (ctx) => ok(channel(ctx).config));
	route('PUT', '/channels/:id/config', 'channels:write', (ctx) => ok(Object.assign(channel(ctx).config, validate(ctx.body, { provider: nullable(str()), api_key: nullable(str()), welcome_message: nullable(str()), auto_reply: bool, business_hours: nullable(object) }, true))));
	route('GET', '/channels/:id/qr-code', 'channels:read', (ctx) => {
		const c = channel(ctx);
		if (c.type !== 'whatsapp') throw fail(400, 'QR codes exist only for WhatsApp channels');
		return ok({ qr_code: `data:image/png;base64,${QR_PNG.toString('base64')}`, expires_at: new Date(Date.now() + 60_000).toISOString() });
	});
	route('POST', '/channels/:id/conversation', 'channels:write', async (ctx) => {
		const ch = channel(ctx);
		const body = validate(ctx.body ?? {}, { contact_id: uuid, customer_name: str(0, 255), customer_phone: str(0, 50), customer_email: email(), initial_message: str() });
		const a = co(ctx).agents.find((x) => x.id === ch.agent_id);
		const c = addConversation(co(ctx), ctx.principal.company, a ?? { id: null }, ch.type, body.customer_name ?? null);
		if (body.initial_message) c.messages.push(message(c, 'assistant', body.initial_message));
		if (a) await emit(ctx.principal.company, a.id, 'conversation.started', { conversation_id: c.id, channel: ch.type });
		return created(strip(c));
	});
	route('GET', '/channels/:id/widget/links', 'channels:read', (ctx) => {
		const c = channel(ctx);
		return ok({ script_url: `https://widget.timelyai.com.br/${c.id}.js`, iframe_url: `https://widget.timelyai.com.br/${c.id}`, embed_code: `<script src="https://widget.timelyai.com.br/${c.id}.js"></script>` });
	});
	route('PUT', '/channels/:id/widget/settings', 'channels:write', (ctx) => ok(Object.assign(channel(ctx).widget, validate(ctx.body, { primary_color: nullable(str(0, undefined, { pattern: /^#[0-9a-fA-F]{6}$/ })), position: oneOf('bottom-right', 'bottom-left'), title: nullable(str()), subtitle: nullable(str()), welcome_message: nullable(str()), avatar_url: nullable(str()), show_branding: bool }, true))));

	// Custom fields.
	route('GET', '/custom-fields', 'custom-fields:read', (ctx) => {
		const fields = [...co(ctx).customFields].sort((a, b) => (a.display_order ?? 0) - (b.display_order ?? 0));
		return { data: fields, pagination: { page: 1, limit: fields.length, total: fields.length, total_pages: 1 } };
	});
	route('POST', '/custom-fields', 'custom-fields:write', (ctx) => created(make(co(ctx).customFields, ctx.principal.company, { field_type: 'text', is_archived: false, ...validate(ctx.body, CUSTOM_FIELD) })));
	route('PUT', '/custom-fields/:id', 'custom-fields:write', (ctx) => ok(Object.assign(find(co(ctx).customFields, ctx.params.id, 'Custom field'), validate(ctx.body, CUSTOM_FIELD, true), { updated_at: now() })));
	route('PUT', '/custom-fields/:id/archive', 'custom-fields:write', (ctx) => ok(Object.assign(find(co(ctx).customFields, ctx.params.id, 'Custom field'), { is_archived: true })));

	// Interactions (conversations seen by status, channel, agent and date) and chats.
	route('GET', '/interactions', 'interactions:read', (ctx) => list(co(ctx).conversations.filter((c) => c.status !== 'deleted'), ctx.query, { filters: { status: oneOf('active', 'closed', 'pending'), channel: null, agent_id: uuid, from: null, to: null } }));
	route('GET', '/interactions/:id/messages', 'interactions:read', (ctx) => list(conversation(ctx).messages, ctx.query));
	route('DELETE', '/interactions/:id', 'interactions:write', async (ctx) => {
		const c = conversation(ctx);
		c.status = 'closed';
		await emit(ctx.principal.company, c.agent_id, 'conversation.ended', { conversation_id: c.id });
		return ok({ closed: true });
	});
	route('DELETE', '/chats/:id', 'chats:write', (ctx) => {
		const c = conversation(ctx);
		c.status = 'deleted';
		return ok({ deleted: true, id: c.id });
	});
	route('DELETE', '/chats/:id/messages', 'chats:write', (ctx) => {
		conversation(ctx).messages = [];
		return ok({ deleted: true });
	});
	route('DELETE', '/chats/:id/messages/:messageId', 'chats:write', (ctx) => {
		const c = conversation(ctx);
		c.messages.splice(c.messages.indexOf(find(c.messages, ctx.params.messageId, 'Message')), 1);
		return ok({ deleted: true });
	});
	route('PUT', '/chats/:id/messages/:messageId', 'chats:write', (ctx) => ok(Object.assign(find(conversation(ctx).messages, ctx.params.messageId, 'Message'), validate(ctx.body, { content: required(str(1)) }), { edited: true })));
	for (const [action, mode] of [['start-human', 'paused'], ['stop-human', 'auto']]) {
		route('POST', `/chats/:id/${action}`, 'chats:write', (ctx) => {
			const c = conversation(ctx);
			c.ai_mode = mode;
			c.messages.push(message(c, 'system', mode === 'paused' ? 'Human takeover started' : 'AI resumed'));
			return ok({ id: c.id, ai_mode: mode });
		});
	}

	// Per-agent collections under /agent/{id}.
	function agentCollection(segment, key, what, scope, schema) {
		const items = (ctx) => agent(ctx)[key];
		route('GET', `/agent/:id/${segment}`, `${scope}:read`, (ctx) => list(items(ctx), ctx.query));
		route('POST', `/agent/:id/${segment}`, `${scope}:write`, (ctx) => created(make(items(ctx), ctx.principal.company, { agent_id: ctx.params.id, ...validate(ctx.body, schema) })));
		route('PUT', `/agent/:id/${segment}/:itemId`, `${scope}:write`, (ctx) => ok(Object.assign(find(items(ctx), ctx.params.itemId, what), validate(ctx.body, schema, true), { updated_at: now() })));
		route('DELETE', `/agent/:id/${segment}/:itemId`, `${scope}:write`, (ctx) => {
			const list_ = items(ctx);
			list_.splice(list_.indexOf(find(list_, ctx.params.itemId, what)), 1);
			return ok({ deleted: true });
		});
	}
	agentCollection('intentions', 'intentions', 'Intention', 'intentions', INTENTION);
	agentCollection('idle-actions', 'idleActions', 'Idle action', 'idle-actions', IDLE);
	agentCollection('transfer-rules', 'transferRules', 'Transfer rule', 'transfer-rules', RULE);

	// MCP servers and tools.
	route('POST', '/agent/:id/mcp/add', 'mcp:write', (ctx) => {
		const a = agent(ctx);
		const server = make(a.mcpServers, ctx.principal.company, { type: 'http', ...validate(ctx.body, { url: required(uri), type: oneOf('sse', 'http'), name: required(str(1, 255)), auth_config: object }) });
		a.tools.push(...['lookup_order', 'create_ticket'].map((tool_name) => ({ id: crypto.randomUUID(), mcp_server_id: server.id, tool_name, description: null, input_schema: null, created_at: now(), active: true })));
		return created(server);
	});
	route('POST', '/agent/:id/mcp/connect', 'mcp:write', (ctx) => {
		agent(ctx);
		const { url } = validate(ctx.body, { url: required(uri) });
		const host = new URL(url).hostname;
		if (/^(localhost|127\.|10\.|192\.168\.|169\.254\.)/.test(host)) throw fail(400, 'Private or internal URLs are not allowed');
		return ok({ status: host.endsWith('.example.com') || host === 'example.com' ? 'connected' : 'unreachable', url, http_status: 200 });
	});
	route('GET', '/agent/:id/mcp/tools', 'mcp:read', (ctx) => ok(agent(ctx).tools));
	for (const [state, active] of [['active', true], ['inactive', false]]) {
		route('PUT', `/agent/:id/mcp/tools/:toolId/${state}`, 'mcp:write', (ctx) => {
			const tool = find(agent(ctx).tools, ctx.params.toolId, 'Tool');
			tool.active = active;
			return ok({ tool_id: tool.id, active });
		});
	}
	route('POST', '/agent/:id/mcp/sync-tools', 'mcp:write', (ctx) => ok({ status: 'syncing', agent_id: agent(ctx).id }));
	route('DELETE', '/agent/:id/mcp/:mcpId', 'mcp:write', (ctx) => {
		const a = agent(ctx);
		const server = find(a.mcpServers, ctx.params.mcpId, 'MCP server');
		a.mcpServers.splice(a.mcpServers.indexOf(server), 1);
		a.tools = a.tools.filter((t) => t.mcp_server_id !== server.id);
		return ok({ deleted: true });
	});

	// Path parameters are UUIDs: anything else is a validation error, before any lookup.
	for (const r of routes) {
		const handler = r.handler;
		r.handler = (ctx) => {
			for (const [name, value] of Object.entries(ctx.params)) if (!UUID.test(value)) throw fail(400, `${name} must be a valid UUID`);
			return handler(ctx);
		};
	}
	routes.unshift({ method: 'GET', path: '/v1/health', auth: false, handler: () => ({ status: 'ok', timestamp: now() }) });

	const sim = createSimulator({
		name: 'timely',
		routes,
		errorBody,
		rateLimit: { limit: 120, windowMs: 60_000 },
		// Documented: all four on a 429; the general notes list the X-RateLimit ones for every answer.
		rateLimitHeaders: ['limit', 'remaining', 'reset', 'retryAfter'],
		authenticate(req) {
			const key = String(req.headers['x-api-key'] || '');
			const found = keys[key];
			if (!found) throw sim.fail(401, 'Invalid or missing API key');
			return { id: key.slice(0, 12), name: key.split('_')[1], ...found };
		},
		authorize(principal, r) {
			if (r.scope && !principal.scopes.includes(r.scope)) throw sim.fail(403, `Missing required scope: ${r.scope}`);
		},
		control: {
			seed(body) {
				const c = companies[body.company ?? 'c1'];
				for (let i = 0; i < (body.contacts ?? 0); i++) make(c.contacts, 'c1', { customer_name: `Contact ${String(i).padStart(4, '0')}`, customer_email: `c${i}@example.com`, status: 'active' });
				return { contacts: c.contacts.length };
			},
			data: (body) => companies[body.company ?? 'c1'],
			emit: async (body) => ({ results: await emit(body.company ?? 'c1', body.agentId ?? companies.c1.agents[0].id, body.event, body.data ?? {}) }),
		},
		onReset: seed,
	});
	seed();
	sim.data = (company = 'c1') => companies[company];
	return sim;
}

/** A 1×1 PNG, the QR code image the simulator hands out. */
const QR_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

module.exports = { createTimelySimulator, DEFAULT_KEYS, QR_PNG };

if (require.main === module) {
	const sim = createTimelySimulator();
	sim.listen(Number(process.env.PORT || 0)).then((url) => console.log(`timely simulator on ${url}`));
}
