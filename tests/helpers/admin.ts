import type { Core } from '@strapi/strapi';
import request from 'supertest';

/** A super administrator logged in through the admin API, for Content Manager requests. */
export async function loginSuperAdmin(strapi: Core.Strapi) {
  const email = `admin-${Date.now()}@example.test`;
  const password = 'Test-Passw0rd!';
  await strapi.service('admin::role').createRolesIfNoneExist();
  const role = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email, firstname: 'Ada', lastname: 'Admin', password, isActive: true, registrationToken: null, roles: [role.id],
  });
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token: string = res.body.data.token ?? res.body.data.accessToken;
  const http = () => request(strapi.server.httpServer);
  const auth = { Authorization: `Bearer ${token}` };
  const cm = (name: string) => `/content-manager/collection-types/plugin::ticketing.${name}`;
  return {
    token,
    create: (name: string, data: object) => http().post(cm(name)).set(auth).send(data),
    update: (name: string, documentId: string, data: object) => http().put(`${cm(name)}/${documentId}`).set(auth).send(data),
    find: (name: string, documentId: string) => http().get(`${cm(name)}/${documentId}`).set(auth),
    list: (name: string) => http().get(cm(name)).set(auth),
    get: (path: string) => http().get(path).set(auth),
    post: (path: string, body: object) => http().post(path).set(auth).send(body),
  };
}
