import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiList } from '../shared/transport';
import { CONVO_CREDENTIAL, CONVO_PAGE_SIZE, convoSpec } from './api';

async function convoGet(this: ILoadOptionsFunctions, url: string, qs?: IDataObject): Promise<IDataObject[]> {
	const credentials = await this.getCredentials(CONVO_CREDENTIAL);
	const baseUrl = String(credentials.baseUrl).replace(/\/+$/, '');
	return (await apiList.call(this, convoSpec, CONVO_CREDENTIAL, baseUrl, { method: 'GET', url, qs })).records;
}

const matches = (filter: string | undefined, ...values: unknown[]) =>
	!filter || values.some((v) => String(v ?? '').toLowerCase().includes(filter.toLowerCase()));

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const agents = await convoGet.call(this, '/agents');
	return {
		results: agents
			.filter((a) => matches(filter, a.name, a.id))
			.map((a) => ({ name: `${String(a.name)} (${String(a.status ?? '')})`, value: String(a.id) })),
	};
}

export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const page = await convoGet.call(this, '/conversations', { limit: CONVO_PAGE_SIZE, offset });
	return {
		results: page
			.filter((c) => matches(filter, c.id, c.status))
			.map((c) => ({
				name: `${String(c.status)} · ${String(c.createdAt ?? '').slice(0, 16).replace('T', ' ')} · ${String(c.id).slice(0, 8)}`,
				value: String(c.id),
			})),
		paginationToken: page.length === CONVO_PAGE_SIZE ? String(offset + CONVO_PAGE_SIZE) : undefined,
	};
}

export async function searchChannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const channels = await convoGet.call(this, '/channels');
	return {
		results: channels
			.filter((c) => matches(filter, c.name, c.type, c.id))
			.map((c) => ({ name: `${String(c.name)} (${String(c.type ?? '')})`, value: String(c.id) })),
	};
}

export async function searchLeads(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const page = await convoGet.call(this, '/leads', { limit: CONVO_PAGE_SIZE, offset });
	const label = (l: IDataObject) => {
		const fields = (l.fields ?? {}) as IDataObject;
		return [fields.name ?? fields.email ?? fields.phone ?? String(l.id).slice(0, 8), l.status].filter(Boolean).join(' · ');
	};
	return {
		results: page.filter((l) => matches(filter, label(l), l.id)).map((l) => ({ name: label(l), value: String(l.id) })),
		paginationToken: page.length === CONVO_PAGE_SIZE ? String(offset + CONVO_PAGE_SIZE) : undefined,
	};
}
