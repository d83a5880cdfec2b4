#include "control/metrics_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace kinesisd::observability {
namespace {

// Label values escaped as the exposition format asks: \ " and newline.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

MetricsText::MetricsText(const log::StreamStore& store, const RequestMetrics& requests,
                         const poller::Poller* poller, StorageGauges storage,
                         const faults::FaultEngine* faults,
                         const delivery::DeliveryRegistry* deliveries)
    : store_(store),
      requests_(requests),
      poller_(poller),
      storage_(storage),
      faults_(faults),
      deliveries_(deliveries) {}

std::string MetricsText::render() const {
  std::string out;
  out.reserve(4096);
  const auto streams = store_.list_all();
  struct Series {
    const char* name;
    const char* type;
    const char* help;
    std::function<int64_t(const log::Shard&)> value;
  };
  const Series series[] = {
      {"kinesisd_incoming_records_total", "counter", "Records written to the shard.",
       [](const log::Shard& s) {
         return static_cast<int64_t>(s.counters().incoming_records.load());
       }},
      {"kinesisd_incoming_bytes_total", "counter", "Bytes (data + partition key) written.",
       [](const log::Shard& s) {
         return static_cast<int64_t>(s.counters().incoming_bytes.load());
       }},
      {"kinesisd_outgoing_records_total", "counter", "Records returned by GetRecords.",
       [](const log::Shard& s) {
         return static_cast<int64_t>(s.counters().outgoing_records.load());
       }},
      {"kinesisd_outgoing_bytes_total", "counter", "Bytes returned by GetRecords.",
       [](const log::Shard& s) {
         return static_cast<int64_t>(s.counters().outgoing_bytes.load());
       }},
      {"kinesisd_iterator_age_milliseconds", "gauge",
       "MillisBehindLatest of the shard's last GetRecords.",
       [](const log::Shard& s) { return s.counters().iterator_age_ms.load(); }},
      {"kinesisd_stored_records", "gauge", "Records held (retention not yet expired).",
       [](const log::Shard& s) { return static_cast<int64_t>(s.record_count()); }},
  };
  for (const auto& m : series) {
    header(out, m.name, m.type, m.help);
    for (const auto& stream : streams) {
      for (const auto& shard : stream->shards())
        fmt::format_to(
            std::back_inserter(out), "{}{{region=\"{}\",stream=\"{}\",shard=\"{}\"}} {}\n", m.name,
            label(stream->region()), label(stream->name()), shard->id(), m.value(*shard));
    }
  }
  header(out, "kinesisd_streams", "gauge", "Streams that exist (any status).");
  fmt::format_to(std::back_inserter(out), "kinesisd_streams {}\n", streams.size());
  if (storage_.memory) {
    header(out, "kinesisd_stored_bytes", "gauge", "Memory held for records (no data directory).");
    fmt::format_to(std::back_inserter(out), "kinesisd_stored_bytes {}\n", storage_.memory->used());
    header(out, "kinesisd_stored_bytes_limit", "gauge",
           "--max-memory-mb: puts are refused past it.");
    fmt::format_to(std::back_inserter(out), "kinesisd_stored_bytes_limit {}\n",
                   storage_.memory->limit());
  }
  if (storage_.cache) {
    header(out, "kinesisd_cache_bytes", "gauge", "Records of the data directory held in memory.");
    fmt::format_to(std::back_inserter(out), "kinesisd_cache_bytes {}\n", storage_.cache->bytes());
    header(out, "kinesisd_cache_bytes_limit", "gauge", "--cache-mb.");
    fmt::format_to(std::back_inserter(out), "kinesisd_cache_bytes_limit {}\n",
                   storage_.cache->budget());
  }

  requests_.render(out);

  // Calls AWS's limits refused (--limits aws), and faults injected (--faults).
  const auto throttled = store_.throttles().snapshot();
  if (!throttled.empty()) {
    header(out, "kinesisd_throttled_requests_total", "counter",
           "Calls refused by AWS's limits (--limits aws).");
    for (const auto& [key, n] : throttled)
      fmt::format_to(
          std::back_inserter(out),
          "kinesisd_throttled_requests_total{{operation=\"{}\",stream=\"{}\",shard=\"{}\"}} {}\n",
          std::get<0>(key), label(std::get<1>(key)), std::get<2>(key), n);
  }
  if (faults_) {
    header(out, "kinesisd_injected_faults_total", "counter",
           "Faults injected, by rule and operation (or function).");
    for (const auto& [key, n] : faults_->injected())
      fmt::format_to(std::back_inserter(out),
                     "kinesisd_injected_faults_total{{rule=\"{}\",operation=\"{}\"}} {}\n",
                     key.first, label(key.second), n);
  }

  if (deliveries_) {
    const auto streams = deliveries_->list_all();
    struct Firehose {
      const char* name;
      const char* type;
      const char* help;
      uint64_t (*value)(const delivery::DeliveryStream&);
    };
    const Firehose firehose[] = {
        {"kinesisd_firehose_incoming_records_total", "counter", "Records into the delivery stream.",
         [](const delivery::DeliveryStream& s) { return s.counters().incoming_records.load(); }},
        {"kinesisd_firehose_incoming_bytes_total", "counter", "Bytes into the delivery stream.",
         [](const delivery::DeliveryStream& s) { return s.counters().incoming_bytes.load(); }},
        {"kinesisd_firehose_delivered_records_total", "counter",
         "Records written to the destination.",
         [](const delivery::DeliveryStream& s) { return s.counters().delivered_records.load(); }},
        {"kinesisd_firehose_objects_total", "counter", "Objects written to the destination.",
         [](const delivery::DeliveryStream& s) { return s.counters().objects.load(); }},
        {"kinesisd_firehose_failed_records_total", "counter",
         "Records the transformation failed (written under the error output prefix).",
         [](const delivery::DeliveryStream& s) { return s.counters().failed_records.load(); }},
        {"kinesisd_firehose_delivery_errors_total", "counter",
         "Attempts to write an object to S3 that failed (each is retried with backoff).",
         [](const delivery::DeliveryStream& s) { return s.counters().delivery_errors.load(); }},
        {"kinesisd_firehose_buffered_records", "gauge",
         "Records waiting in the buffer for the next delivery.",
         [](const delivery::DeliveryStream& s) { return s.buffer_fill().records; }},
        {"kinesisd_firehose_buffered_bytes", "gauge",
         "Bytes waiting in the buffer for the next delivery.",
         [](const delivery::DeliveryStream& s) { return s.buffer_fill().bytes; }},
    };
    if (!streams.empty())
      for (const auto& f : firehose) {
        header(out, f.name, f.type, f.help);
        for (const auto& s : streams)
          fmt::format_to(std::back_inserter(out), "{}{{region=\"{}\",delivery_stream=\"{}\"}} {}\n",
                         f.name, s->identity().region, label(s->identity().name), f.value(*s));
      }
  }

  if (poller_) {
    const auto mappings = poller_->list();
    struct Esm {
      const char* name;
      const char* type;
      const char* help;
      std::function<int64_t(const poller::ShardStatus&)> value;
    };
    const Esm esm[] = {
        {"kinesisd_esm_invocations_total", "counter", "Handler invocations.",
         [](const poller::ShardStatus& s) { return static_cast<int64_t>(s.invocations); }},
        {"kinesisd_esm_function_errors_total", "counter", "Invocations that were function errors.",
         [](const poller::ShardStatus& s) { return static_cast<int64_t>(s.function_errors); }},
        {"kinesisd_esm_records_processed_total", "counter", "Records the handler accepted.",
         [](const poller::ShardStatus& s) { return static_cast<int64_t>(s.records_processed); }},
        {"kinesisd_esm_records_dead_lettered_total", "counter",
         "Records sent to the on-failure destination.",
         [](const poller::ShardStatus& s) {
           return static_cast<int64_t>(s.records_dead_lettered);
         }},
        {"kinesisd_esm_destination_delivery_failures_total", "counter",
         "Failed batches the SQS, SNS or S3 on-failure destination did not take (dropped, as "
         "Lambda's DestinationDeliveryFailures).",
         [](const poller::ShardStatus& s) {
           return static_cast<int64_t>(s.destination_delivery_failures);
         }},
        {"kinesisd_esm_records_behind", "gauge", "Records between the checkpoint and the tip.",
         [](const poller::ShardStatus& s) { return static_cast<int64_t>(s.records_behind); }},
        {"kinesisd_esm_millis_behind", "gauge", "Age of the oldest unprocessed record read.",
         [](const poller::ShardStatus& s) { return s.millis_behind; }},
    };
    std::vector<
        std::pair<std::shared_ptr<poller::EventSourceMapping>, std::vector<poller::ShardStatus>>>
        status;
    for (const auto& m : mappings) status.emplace_back(m, m->shard_status());
    // Handlers with warm instances (the runtime kind), by function.
    struct Warm {
      const char* name;
      const char* type;
      const char* help;
      double (*value)(const handler::InstanceStats&);
    };
    const Warm warm[] = {
        {"kinesisd_handler_cold_starts_total", "counter", "Instances started (cold starts).",
         [](const handler::InstanceStats& s) { return double(s.cold_starts); }},
        {"kinesisd_handler_warm_invocations_total", "counter",
         "Invocations served by an instance already warm.",
         [](const handler::InstanceStats& s) { return double(s.warm_invocations); }},
        {"kinesisd_handler_invocations_total", "counter", "Invocations.",
         [](const handler::InstanceStats& s) { return double(s.invocations); }},
        {"kinesisd_handler_invocation_seconds_total", "counter",
         "Time invocations took, summed (divide by the invocations for the mean).",
         [](const handler::InstanceStats& s) { return double(s.duration_us) / 1e6; }},
    };
    std::vector<std::pair<std::string, handler::InstanceStats>> instance_stats;
    for (const auto& h : poller_->handlers().list())
      if (auto stats = h->instance_stats()) instance_stats.emplace_back(h->name(), *stats);
    if (!instance_stats.empty())
      for (const auto& w : warm) {
        header(out, w.name, w.type, w.help);
        for (const auto& [function, stats] : instance_stats)
          fmt::format_to(std::back_inserter(out), "{}{{function=\"{}\"}} {}\n", w.name,
                         label(function), w.value(stats));
      }
    // MetricsConfig EventCount: Lambda's six counts per mapping that asked
    // for them, named after AWS's (PolledEventCount -> ..._polled_event_count_total).
    struct EventCount {
      const char* name;
      const char* help;
      uint64_t (*value)(const poller::ShardStatus&);
    };
    const EventCount event_counts[] = {
        {"kinesisd_esm_polled_event_count_total", "Records read (Lambda's PolledEventCount).",
         [](const poller::ShardStatus& s) { return s.polled_events; }},
        {"kinesisd_esm_filtered_out_event_count_total",
         "Records the filter criteria dropped (FilteredOutEventCount).",
         [](const poller::ShardStatus& s) { return s.records_filtered; }},
        {"kinesisd_esm_invoked_event_count_total",
         "Records the function was invoked with, retries included (InvokedEventCount).",
         [](const poller::ShardStatus& s) { return s.invoked_events; }},
        {"kinesisd_esm_failed_invoke_event_count_total",
         "Records of invocations that failed (FailedInvokeEventCount).",
         [](const poller::ShardStatus& s) { return s.failed_invoke_events; }},
        {"kinesisd_esm_dropped_event_count_total",
         "Records dropped after their retries or age ran out, not sent to a destination "
         "(DroppedEventCount).",
         [](const poller::ShardStatus& s) { return s.dropped_events; }},
        {"kinesisd_esm_on_failure_destination_delivered_event_count_total",
         "Records the on-failure destination took (OnFailureDestinationDeliveredEventCount).",
         [](const poller::ShardStatus& s) { return s.destination_delivered_events; }},
    };
    const bool any_counted = std::any_of(status.begin(), status.end(), [](const auto& m) {
      const auto config = m.first->config();
      return config && config->event_count_metrics;
    });
    if (any_counted)
      for (const auto& c : event_counts) {
        header(out, c.name, "counter", c.help);
        for (const auto& [m, shards] : status) {
          const auto config = m->config();
          if (!config || !config->event_count_metrics) continue;
          uint64_t sum = 0;
          for (const auto& s : shards) sum += c.value(s);
          fmt::format_to(std::back_inserter(out), "{}{{uuid=\"{}\",function=\"{}\"}} {}\n", c.name,
                         m->uuid(), label(m->handler_name()), sum);
        }
      }
    for (const auto& e : esm) {
      header(out, e.name, e.type, e.help);
      for (const auto& [m, shards] : status)
        for (const auto& s : shards)
          fmt::format_to(std::back_inserter(out),
                         "{}{{uuid=\"{}\",function=\"{}\",stream=\"{}\",shard=\"{}\"}} {}\n",
                         e.name, m->uuid(), label(m->handler_name()),
                         label(m->config()->stream_name), s.shard_id, e.value(s));
    }
  }
  return out;
}

}  // namespace kinesisd::observability
