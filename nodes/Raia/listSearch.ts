import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiList, apiRequest } from '../shared/transport';
import { AGENT_KEY, RAIA_PAGE_SIZE, raiaBaseUrl, raiaSpec } from './api';

async function page(context: ILoadOptionsFunctions, url: string, qs: IDataObject, label: (r: IDataObject) => string, token?: string): Promise<INodeListSearchResult> {
	const credentials = await context.getCredentials(AGENT_KEY);
	const current = Number(token ?? 1) || 1;
	const { body, records } = await apiList.call(context, raiaSpec, AGENT_KEY, raiaBaseUrl(credentials), { method: 'GET', url, qs: { ...qs, page: current, pageSize: RAIA_PAGE_SIZE } });
	return {
		results: records.map((r) => ({ name: label(r), value: String(r.id) })),
		paginationToken: (body as IDataObject | undefined)?.hasNextPage ? String(current + 1) : undefined,
	};
}

export async function searchConversations(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await page(this, '/external/conversations', filter ? { searchKeyword: filter } : {}, (c) => `${String(c.title ?? 'Untitled')} · ${String(c.createdAt ?? '').slice(0, 10)}`, token);
}

export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	const result = await page(this, '/external/agents/users', {}, (u) => [`${String(u.firstName)} ${String(u.lastName)}`, u.email ?? u.phoneNumber].filter(Boolean).join(' · '), token);
	// The users list has no search parameter: filter the page here.
	if (filter) result.results = result.results.filter((r) => r.name.toLowerCase().includes(filter.toLowerCase()));
	return result;
}

export async function searchAgentFiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(AGENT_KEY);
	const body = await apiRequest.call(this, raiaSpec, AGENT_KEY, raiaBaseUrl(credentials), { method: 'GET', url: '/external/agent-files/by-api-key' });
	// The document describes one file object; servers answer with a list. Take either.
	const files = (Array.isArray(body) ? body : body && typeof body === 'object' && 'id' in body ? [body] : []) as IDataObject[];
	const results = files.map((f) => ({ name: `${String(f.fileName ?? f.id)}${f.vectorStoreUploadStatus ? ` (${String(f.vectorStoreUploadStatus)})` : ''}`, value: String(f.id) }));
	return { results: filter ? results.filter((r) => r.name.toLowerCase().includes(filter.toLowerCase())) : results };
}
