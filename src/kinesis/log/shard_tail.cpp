#include "kinesis/log/shard_tail.hpp"

#include <algorithm>

namespace kinesisd::log {

ShardTail::ShardTail(std::shared_ptr<Stream> stream, std::shared_ptr<Shard> shard,
                     uint64_t position, std::function<void()> wake)
    : stream_(std::move(stream)), shard_(std::move(shard)), position_(position), tip_(0) {
  listener_ = shard_->add_listener([this, wake = std::move(wake)](uint64_t tip) {
    tip_.store(tip);
    if (wake) wake();
  });
  // After the listener: an append in between is heard either way.
  tip_.store(std::max(tip_.load(), shard_->latest()));
}

ShardTail::~ShardTail() { shard_->remove_listener(listener_); }

uint64_t ShardTail::behind() const {
  const uint64_t tip = tip_.load();
  return tip > position_ ? tip - position_ : 0;
}

bool ShardTail::drained() const { return shard_->closed() && shard_->latest() <= position_; }

Shard::ReadResult ShardTail::read(int64_t now_ms, uint64_t limit, uint64_t max_bytes,
                                  const std::function<bool(const RecordView&)>& visit) {
  const auto result =
      shard_->read(position_, stream_->visible_from_ms(now_ms), limit, max_bytes, visit);
  if (result.end_position > tip_.load()) tip_.store(result.end_position);
  return result;
}

std::vector<std::string> read_tails(
    std::vector<std::unique_ptr<ShardTail>>& tails, int64_t now_ms,
    const std::function<void(const Shard&, const RecordView&)>& visit) {
  std::vector<std::string> drained;
  for (auto it = tails.begin(); it != tails.end();) {
    auto& tail = **it;
    const Shard& shard = *tail.shard();
    const auto read = tail.read(now_ms, 10000, 4ull << 20, [&](const RecordView& r) {
      visit(shard, r);
      return true;
    });
    tail.seek(read.next_position);
    if (tail.drained()) {
      drained.push_back(shard.id());
      it = tails.erase(it);
    } else {
      ++it;
    }
  }
  return drained;
}

}  // namespace kinesisd::log
