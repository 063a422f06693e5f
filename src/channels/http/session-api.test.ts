import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTradingPairNetwork } from "../../../test/support/temp-network.js";
import { createAccount, issueApiKey, JobRunner, networkJobHandlers } from "../../network/index.js";
import { buildApp } from "./app.js";

const pair = useTradingPairNetwork();
const password = "correct horse battery";
const x12 = (control: string) =>
  [
    `ISA*00*          *00*          *ZZ*ACMEFOODS      *ZZ*GROCERYMART    *260301*0900*^*00501*${control}*0*P*:~`,
    "GS*PO*ACMEFOODS*GROCERYMART*20260301*0900*1*X*005010~",
    "ST*850*0001~BEG*00*SA*PO1**20260301~SE*3*0001~",
    `GE*1*1~IEA*1*${control}~`,
  ].join("");

describe("sessions and users over the REST API", () => {
  let app: FastifyInstance;
  let admin = "";
  let acmeKey = "";

  beforeEach(async () => {
    app = buildApp({ ctx: pair.net.ctx });
    await app.ready();
    const operator = await createAccount(pair.net.ctx, "operator");
    admin = (await issueApiKey(pair.net.ctx, operator.id, "admin")).key;
    acmeKey = (await issueApiKey(pair.net.ctx, pair.acme, "account")).key;
  });
  afterEach(async () => {
    await app.close();
  });

  const call = (
    options: InjectOptions & { bearer?: string; cookie?: string },
  ): Promise<LightMyRequestResponse> => {
    const { bearer, cookie, ...rest } = options;
    return app.inject({
      ...rest,
      headers: {
        ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
        ...(cookie === undefined ? {} : { cookie }),
        ...rest.headers,
      },
    });
  };
  const addUser = (accountId: string, email: string, extra: Record<string, unknown> = {}) =>
    call({
      method: "POST",
      url: `/api/v1/admin/accounts/${accountId}/users`,
      bearer: admin,
      payload: { email, displayName: "Someone", password, ...extra },
    });
  const signIn = (email: string, pw = password, remoteAddress = "127.0.0.1") =>
    app.inject({ method: "POST", url: "/api/v1/session", payload: { email, password: pw }, remoteAddress });
  /** The `openvan_session=…` pair of a login's Set-Cookie, as a browser sends it back. */
  const cookieOf = (response: LightMyRequestResponse): string =>
    String(response.headers["set-cookie"]).split(";")[0] as string;

  it("lets an operator create, list, disable and reset users; account keys may not", async () => {
    const created = await addUser(pair.acme, "Pat@Acme.example", { role: "admin" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      accountId: pair.acme,
      email: "pat@acme.example",
      displayName: "Someone",
      role: "admin",
      scope: "account",
      disabledAt: null,
    });
    expect(created.body).not.toContain("argon2");
    const id = created.json().id as string;

    expect((await addUser(pair.acme, "pat@acme.example")).json()).toMatchObject({
      error: { code: "USER_EMAIL_TAKEN" },
    });
    const short = await addUser(pair.acme, "short@acme.example", { password: "short" });
    expect([short.statusCode, short.json().error.code]).toEqual([400, "REQUEST_INVALID"]);
    expect((await addUser("acc_none", "x@acme.example")).statusCode).toBe(404);
    const asAccount = await call({
      method: "GET",
      url: `/api/v1/admin/accounts/${pair.acme}/users`,
      bearer: acmeKey,
    });
    expect([asAccount.statusCode, asAccount.json().error.code]).toEqual([403, "FORBIDDEN"]);

    const list = await call({
      method: "GET",
      url: `/api/v1/admin/accounts/${pair.acme}/users`,
      bearer: admin,
    });
    expect(list.json().items.map((u: { id: string }) => u.id)).toEqual([id]);

    const disabled = await call({ method: "POST", url: `/api/v1/admin/users/${id}/disable`, bearer: admin });
    expect(disabled.json().disabledAt).not.toBeNull();
    expect((await signIn("pat@acme.example")).statusCode).toBe(401);
    await call({ method: "POST", url: `/api/v1/admin/users/${id}/enable`, bearer: admin });
    expect((await signIn("pat@acme.example")).statusCode).toBe(201);

    const reset = await call({
      method: "POST",
      url: `/api/v1/admin/users/${id}/password`,
      bearer: admin,
      payload: { password: "another long password" },
    });
    expect(reset.statusCode).toBe(200);
    expect((await signIn("pat@acme.example")).statusCode).toBe(401);
    expect((await signIn("pat@acme.example", "another long password")).statusCode).toBe(201);
    const missing = await call({
      method: "POST",
      url: "/api/v1/admin/users/usr_none/disable",
      bearer: admin,
    });
    expect(missing.statusCode).toBe(404);
  });

  it("signs in with a cookie and a token, says who is signed in, and signs out", async () => {
    await addUser(pair.grocer, "buyer@grocery.example");
    const login = await signIn("BUYER@grocery.example");
    expect(login.statusCode).toBe(201);
    const setCookie = String(login.headers["set-cookie"]);
    expect(setCookie).toMatch(
      /^openvan_session=ovs_[0-9a-f]{16}_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; /,
    );
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    // Plain HTTP here; over HTTPS the cookie is also Secure.
    expect(setCookie).not.toContain("Secure");
    const body = login.json();
    expect(body).toMatchObject({
      via: "session",
      scope: "account",
      account: { id: pair.grocer, name: "Grocery Mart" },
      user: { email: "buyer@grocery.example", role: "member" },
    });
    expect(cookieOf(login)).toBe(`openvan_session=${body.token}`);

    const byCookie = await call({ method: "GET", url: "/api/v1/session", cookie: cookieOf(login) });
    const byToken = await call({ method: "GET", url: "/api/v1/session", bearer: body.token });
    expect(byCookie.json()).toEqual(byToken.json());
    expect(byCookie.json()).toMatchObject({ via: "session", user: { email: "buyer@grocery.example" } });
    expect((await call({ method: "GET", url: "/api/v1/session", bearer: acmeKey })).json()).toEqual({
      via: "key",
      scope: "account",
      account: { id: pair.acme, name: "Acme Foods" },
      user: null,
      expiresAt: null,
    });
    expect((await call({ method: "GET", url: "/api/v1/session" })).statusCode).toBe(401);

    const logout = await call({ method: "DELETE", url: "/api/v1/session", cookie: cookieOf(login) });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers["set-cookie"])).toMatch(/^openvan_session=; Path=\/; Max-Age=0; HttpOnly/);
    // Ended at once on this node, whether presented as a cookie or a token; signing out again is fine.
    expect((await call({ method: "GET", url: "/api/v1/mailbox", cookie: cookieOf(login) })).statusCode).toBe(
      401,
    );
    expect((await call({ method: "GET", url: "/api/v1/mailbox", bearer: body.token })).statusCode).toBe(401);
    expect((await call({ method: "DELETE", url: "/api/v1/session", bearer: body.token })).statusCode).toBe(
      204,
    );
  });

  it("gives a session what its account may see and nothing else", async () => {
    await addUser(pair.acme, "clerk@acme.example");
    await addUser(pair.grocer, "buyer@grocery.example");
    const acme = cookieOf(await signIn("clerk@acme.example"));
    const grocer = (await signIn("buyer@grocery.example")).json().token as string;

    const sent = await call({
      method: "POST",
      url: "/api/v1/messages",
      cookie: acme,
      payload: x12("000000901"),
    });
    expect(sent.statusCode).toBe(202);
    await new JobRunner(pair.net.ctx, networkJobHandlers(pair.net.ctx)).drain();

    const grocerMailbox = await call({ method: "GET", url: "/api/v1/mailbox", bearer: grocer });
    expect(grocerMailbox.json().items).toHaveLength(1);
    const item = grocerMailbox.json().items[0].id as string;
    expect((await call({ method: "GET", url: "/api/v1/mailbox", cookie: acme })).json().items).toEqual([]);
    expect(
      (await call({ method: "GET", url: `/api/v1/mailbox/${item}/content`, cookie: acme })).statusCode,
    ).toBe(404);
    const content = await call({ method: "GET", url: `/api/v1/mailbox/${item}/content`, bearer: grocer });
    expect(content.body).toBe(x12("000000901"));
    const forbidden = await call({ method: "GET", url: "/api/v1/admin/accounts", cookie: acme });
    expect([forbidden.statusCode, forbidden.json().error.code]).toEqual([403, "FORBIDDEN"]);
  });

  it("lets an operator user into the admin routes", async () => {
    const operator = (await pair.net.ctx.store.accounts.findByName("operator"))?.id ?? "";
    await addUser(operator, "ops@openvan.example", { scope: "admin" });
    const session = (await signIn("ops@openvan.example")).json().token as string;
    const accounts = await call({ method: "GET", url: "/api/v1/admin/accounts", bearer: session });
    expect(accounts.statusCode).toBe(200);
    expect(accounts.json().items.map((a: { name: string }) => a.name)).toContain("Acme Foods");
  });

  it("answers every failed login alike, and throttles repeated failures per address and client", async () => {
    await addUser(pair.acme, "pat@acme.example");
    const unknown = await signIn("nobody@acme.example", "whatever it is");
    const wrong = await signIn("pat@acme.example", "whatever it is");
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.code).toBe("LOGIN_FAILED");
    expect((await signIn("not-an-address", "whatever it is")).json()).toEqual(wrong.json());

    // Five failures for this address from this client (the malformed address above is not one of them).
    for (let i = 0; i < 4; i++)
      expect((await signIn("pat@acme.example", "still wrong")).statusCode).toBe(401);
    const throttled = await signIn("pat@acme.example");
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.code).toBe("LOGIN_THROTTLED");
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(800);
    // From another address the user still gets in.
    expect((await signIn("pat@acme.example", password, "10.1.1.1")).statusCode).toBe(201);
  });

  it("ends the sessions of a user disabled on this node at once, despite the credential cache", async () => {
    const user = (await addUser(pair.acme, "pat@acme.example")).json().id as string;
    const token = (await signIn("pat@acme.example")).json().token as string;
    expect((await call({ method: "GET", url: "/api/v1/mailbox", bearer: token })).statusCode).toBe(200);
    await call({ method: "POST", url: `/api/v1/admin/users/${user}/disable`, bearer: admin });
    expect((await call({ method: "GET", url: "/api/v1/mailbox", bearer: token })).statusCode).toBe(401);
  });

  it("describes the session and user routes in the OpenAPI document", async () => {
    const paths = Object.keys((await app.inject({ url: "/docs/json" })).json().paths);
    for (const path of [
      "/api/v1/session",
      "/api/v1/admin/accounts/{id}/users",
      "/api/v1/admin/users/{id}/disable",
      "/api/v1/admin/users/{id}/enable",
      "/api/v1/admin/users/{id}/password",
    ]) {
      expect(paths).toContain(path);
    }
  });
});
