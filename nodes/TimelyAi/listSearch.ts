import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiList } from '../shared/transport';
import { pathSegment } from '../shared/validators';
import { TIMELY_CREDENTIAL, timelySpec } from './api';

interface SearchOptions {
	filter?: string;
	paginationToken?: string;
	/** The endpoint takes `search`; otherwise the page is filtered here by the label. */
	serverSearch?: boolean;
	/** The endpoint pages with `page`/`limit`; otherwise it answers everything at once. */
	paged?: boolean;
}

/** One page of a Timely list (`search` sent where the endpoint takes it) and the token of the next page. */
async function fetchPage(context: ILoadOptionsFunctions, url: string, options: SearchOptions): Promise<{ records: IDataObject[]; next?: string }> {
	const { filter, paginationToken, serverSearch = true, paged = true } = options;
	const credentials = await context.getCredentials(TIMELY_CREDENTIAL);
	const page = Number(paginationToken ?? 1) || 1;
	const qs: IDataObject = paged ? { page, limit: 50 } : {};
	if (filter && serverSearch) qs.search = filter;
	// The whole answer: the picker needs the `pagination` envelope for its next page.
	const { body, records } = await apiList.call(context, timelySpec, TIMELY_CREDENTIAL, String(credentials.baseUrl).replace(/\/+$/, ''), { method: 'GET', url, qs });
	const pagination = ((body as IDataObject | undefined)?.pagination ?? {}) as IDataObject;
	return {
		records,
		next: paged && Number(pagination.page) < Number(pagination.total_pages) ? String(page + 1) : undefined,
	};
}

/** Picker results: server-side search where the endpoint has it, otherwise the page filtered by its labels. */
function matching(results: Array<{ name: string; value: string }>, filter?: string) {
	return filter ? results.filter((r) => r.name.toLowerCase().includes(filter.toLowerCase())) : results;
}

async function search(context: ILoadOptionsFunctions, url: string, label: (record: IDataObject) => string, options: SearchOptions = {}): Promise<INodeListSearchResult> {
	const { records, next } = await fetchPage(context, url, options);
	const results = records.map((r) => ({ name: label(r), value: String(r.id) }));
	return { results: options.serverSearch === false ? matching(results, options.filter) : results, paginationToken: next };
}

/** The parent a nested list belongs to (the agent, the conversation), from the node's current parameters. */
function parent(context: ILoadOptionsFunctions, names: string[], label: string): string {
	for (const name of names) {
		// Only parameters the current operation has are set (and extractable).
		if (context.getCurrentNodeParameter(name) === undefined) continue;
		const value = String(context.getCurrentNodeParameter(name, { extractValue: true }) ?? '').trim();
		if (value) return pathSegment(context.getNode(), undefined, label, value);
	}
	throw new NodeOperationError(context.getNode(), `Choose the ${label} first to list its records, or enter the ID`);
}

const agentOf = (context: ILoadOptionsFunctions) => parent(context, ['agentId'], 'Agent');

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/agents', (a) => `${String(a.name)} (${String(a.status)})`, { filter, paginationToken: token });
}

export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/contacts', (c) => [c.customer_name, c.customer_email ?? c.customer_phone].filter(Boolean).join(' · '), { filter, paginationToken: token });
}

export async function searchLeads(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/leads', (l) => `${String(l.customer_name)} (${String(l.status)})`, { filter, paginationToken: token });
}

export async function searchConversations(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/conversations', (c) => [c.customer_name ?? 'Unknown', c.channel, c.status].filter(Boolean).join(' · '), { filter, paginationToken: token });
}

export async function searchChannels(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/channels', (c) => `${String(c.name)} (${String(c.type)})`, { filter, paginationToken: token });
}

export async function searchOpportunities(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, '/v1/opportunities', (o) => `${String(o.title)} (${String(o.stage)})`, { filter, paginationToken: token, serverSearch: false });
}

export async function searchCustomFields(this: ILoadOptionsFunctions, filter?: string) {
	return await search(this, '/v1/custom-fields', (f) => `${String(f.name)} (${String(f.field_type)})${f.is_archived ? ' · archived' : ''}`, { filter, serverSearch: false, paged: false });
}

export async function searchTrainings(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, `/v1/agents/${agentOf(this)}/trainings`, (t) => `${String(t.name ?? t.content ?? t.file_url ?? t.id).slice(0, 60)} (${String(t.type)}, ${String(t.status)})`, { filter, paginationToken: token, serverSearch: false });
}

export async function searchIntentions(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, `/v1/agent/${agentOf(this)}/intentions`, (i) => String(i.name), { filter, paginationToken: token, serverSearch: false });
}

export async function searchIdleActions(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, `/v1/agent/${agentOf(this)}/idle-actions`, (a) => `${String(a.name)} (after ${String(a.trigger_after_minutes)} min)`, { filter, paginationToken: token, serverSearch: false });
}

export async function searchTransferRules(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, `/v1/agent/${agentOf(this)}/transfer-rules`, (r) => `${String(r.name)} (${String(r.condition_type)} → ${String(r.target_type)})`, { filter, paginationToken: token, serverSearch: false });
}

export async function searchMcpTools(this: ILoadOptionsFunctions, filter?: string) {
	return await search(this, `/v1/agent/${agentOf(this)}/mcp/tools`, (t) => String(t.tool_name ?? t.id), { filter, serverSearch: false, paged: false });
}

/** The API lists no MCP servers, only their tools (each names its `mcp_server_id`): servers are gathered from those. */
export async function searchMcpServers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { records } = await fetchPage(this, `/v1/agent/${agentOf(this)}/mcp/tools`, { paged: false, serverSearch: false });
	const servers = new Map<string, string[]>();
	for (const tool of records) {
		const server = String(tool.mcp_server_id ?? '');
		if (server) servers.set(server, [...(servers.get(server) ?? []), String(tool.tool_name ?? tool.id)]);
	}
	return { results: matching([...servers].map(([id, tools]) => ({ name: `Server ${id.slice(0, 8)} · tools: ${tools.join(', ')}`, value: id })), filter) };
}

export async function searchMessages(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	// Chats are conversations: both list their messages under /v1/conversations/{id}/messages.
	const conversation = parent(this, ['conversationId', 'chatId'], 'Conversation');
	return await search(this, `/v1/conversations/${conversation}/messages`, (m) => `${String(m.role)}: ${String(m.content ?? '').slice(0, 60)}`, { filter, paginationToken: token, serverSearch: false });
}
