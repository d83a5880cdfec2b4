// The request context a policy's Condition element is evaluated against: the
// condition keys of one request and their values (the IAM User Guide's
// "AWS global condition context keys"), e.g. aws:RequestedRegion,
// aws:PrincipalArn, aws:SecureTransport, aws:SourceIp, aws:CurrentTime,
// aws:ResourceTag/NAME, aws:RequestTag/NAME, aws:TagKeys. Key names compare
// case-insensitively, as IAM's do (a tag's name after the '/' does not); a key may hold several
// values (aws:TagKeys).
//
// The resource's tags are asked for only when a condition names one
// (aws:ResourceTag/...), so a request no such policy applies to never looks
// its stream up twice.
#pragma once

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinesisd::iam {

class RequestContext {
 public:
  using Tags = std::map<std::string, std::string>;

  void set(std::string_view key, std::vector<std::string> values) {
    keys_[lower(key)] = std::move(values);
  }
  void set(std::string_view key, std::string value) { set(key, std::vector{std::move(value)}); }
  // The resource's tags, fetched on first use.
  void resource_tags(std::function<Tags()> fetch) { fetch_tags_ = std::move(fetch); }

  // The key's values; nullopt when the request has no such key.
  std::optional<std::vector<std::string>> find(std::string_view key) const {
    const std::string k = lower(key);
    if (const auto it = keys_.find(k); it != keys_.end()) return it->second;
    static constexpr std::string_view kResourceTag = "aws:resourcetag/";
    if (k.compare(0, kResourceTag.size(), kResourceTag) == 0 && fetch_tags_) {
      if (!tags_) tags_ = fetch_tags_();
      // Tag keys are case-sensitive in Kinesis, the condition key's prefix is not.
      const std::string name(key.substr(kResourceTag.size()));
      if (const auto it = tags_->find(name); it != tags_->end())
        return std::vector<std::string>{it->second};
    }
    return std::nullopt;
  }

 private:
  // The key's name up to its first '/' in lower case; a tag's name after it
  // stays as written (aws:RequestTag/Team and aws:requesttag/Team are one key,
  // aws:RequestTag/team another).
  static std::string lower(std::string_view s) {
    std::string out(s);
    const auto end = out.begin() + static_cast<std::ptrdiff_t>(std::min(out.find('/'), out.size()));
    std::transform(out.begin(), end, out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  }

  std::map<std::string, std::vector<std::string>> keys_;
  std::function<Tags()> fetch_tags_;
  mutable std::optional<Tags> tags_;
};

}  // namespace kinesisd::iam
