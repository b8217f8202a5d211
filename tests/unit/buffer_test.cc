#include <gtest/gtest.h>

#include "net/net.h"

TEST(Buffer, FromTextAndBack) {
  net::Buffer b("hello");
  EXPECT_EQ(b.size(), 5u);
  EXPECT_EQ(b.toString(), "hello");
  EXPECT_EQ(b[1], 'e');
}

TEST(Buffer, BinaryContentIsKept) {
  const unsigned char raw[] = {0, 255, 0, 7};
  net::Buffer b(raw, sizeof raw);
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(b[0], 0);
  EXPECT_EQ(b[1], 255);
  EXPECT_EQ(b.toString(), std::string("\0\xff\0\x07", 4));
}

TEST(Buffer, SliceClampsLikeNode) {
  net::Buffer b("abcdef");
  EXPECT_EQ(b.slice(2, 4).toString(), "cd");
  EXPECT_EQ(b.slice(4).toString(), "ef");
  EXPECT_EQ(b.slice(5, 100).toString(), "f");
  EXPECT_EQ(b.slice(9, 2).toString(), "");
}

TEST(Buffer, ConcatAndAppend) {
  net::Buffer b = net::Buffer::concat({net::Buffer("ab"), net::Buffer(""), net::Buffer("cd")});
  EXPECT_EQ(b.toString(), "abcd");
  b.append(net::Buffer("ef"));
  EXPECT_EQ(b, net::Buffer("abcdef"));
  EXPECT_EQ(net::Buffer::alloc(3, 'x').toString(), "xxx");
}

TEST(Error, CodeNamesAreNodes) {
  net::Error e{net::Errc::ConnectionRefused, "connect 127.0.0.1:1"};
  EXPECT_EQ(e.code(), "ECONNREFUSED");
  EXPECT_EQ(e.what(), "ECONNREFUSED: connect 127.0.0.1:1");
  EXPECT_EQ(net::codeName(net::Errc::WriteAfterEnd), "ERR_STREAM_WRITE_AFTER_END");
  EXPECT_EQ(net::codeName(net::Errc::NotFound), "ENOTFOUND");
}
