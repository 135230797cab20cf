import { describe, expect, it } from "vitest";
import { dmChannelId } from "../support/dmChannelId.ts";
import type { Harness } from "../support/harness.ts";
import { ON_CALL } from "../support/onCall.ts";
import { SATURDAY_2AM, usePagingDesk } from "../support/pagingDesk.ts";
import { parsePrometheusText, type Sample, sampleValue } from "../support/prometheusText.ts";
import { MINUTE, useSlaDesk } from "../support/slaDesk.ts";

async function scrape(h: Harness): Promise<Sample[]> {
  const res = await fetch(`${h.baseUrl}/metrics`);
  expect(res.status).toBe(200);
  return parsePrometheusText(await res.text());
}

describe("/metrics: SLA breaches", () => {
  const desk = useSlaDesk();
  const breaches = async (clock: string) =>
    sampleValue(await scrape(desk.h), "incident_desk_sla_breaches_total", { clock }) ?? 0;

  it("counts a SEV2 first response once when its 2 h clock breaches, and not its 50 % and 90 % reminders", async () => {
    const opened = await desk.openSev2();
    await desk.settleAt(opened, 60);
    await desk.settleAt(opened, 119);
    await desk.h.settle();
    expect(desk.remindersIn(desk.roomId())).toHaveLength(2);
    expect(await breaches("first_response")).toBe(0);

    await desk.settleAt(opened, 120);
    await desk.settleAt(opened, 240);
    expect(await breaches("first_response")).toBe(1);
    expect(await breaches("next_update")).toBe(0);
  });
});

describe("/metrics: page acknowledgement latency", () => {
  const desk = usePagingDesk();
  const bucket = (samples: Sample[], le: string) =>
    sampleValue(samples, "incident_desk_page_ack_seconds_bucket", { le });

  it("puts a page acknowledged 10 minutes after it was sent in the 600 s bucket, not the 300 s one", async () => {
    await desk.openCaseAt(SATURDAY_2AM);
    expect(bucket(await scrape(desk.h), "+Inf")).toBe(0);
    await desk.advance(10 * MINUTE);
    await desk.acknowledge(ON_CALL.ana, dmChannelId(desk.h.fake, ON_CALL.ana), desk.dms(ON_CALL.ana)[0]);

    const samples = await scrape(desk.h);
    expect(bucket(samples, "300")).toBe(0);
    expect(bucket(samples, "600")).toBe(1);
    expect(bucket(samples, "+Inf")).toBe(1);
    expect(sampleValue(samples, "incident_desk_page_ack_seconds_sum")).toBe(600);
    expect(sampleValue(samples, "incident_desk_page_ack_seconds_count")).toBe(1);
  });

  it("observes one latency when the same page is acknowledged twice", async () => {
    await desk.openCaseAt(SATURDAY_2AM);
    await desk.advance(2 * MINUTE);
    const page = desk.dms(ON_CALL.ana)[0];
    const shownBeforeAck = desk.h.fake.messagePayload(dmChannelId(desk.h.fake, ON_CALL.ana), page?.ts ?? "");
    await desk.acknowledge(ON_CALL.ana, dmChannelId(desk.h.fake, ON_CALL.ana), page);
    await desk.advance(MINUTE);
    await desk.acknowledge(ON_CALL.ana, dmChannelId(desk.h.fake, ON_CALL.ana), page, shownBeforeAck);

    const samples = await scrape(desk.h);
    expect(sampleValue(samples, "incident_desk_page_ack_seconds_count")).toBe(1);
    expect(sampleValue(samples, "incident_desk_page_ack_seconds_sum")).toBe(120);
  });
});
