// elftool_output_file_test.cc: atomic replacement of gen-manifest's output and whole-file reads.
#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "output_file.h"

namespace tenor::elftool {
namespace {

// A fresh empty directory for one test, removed with its files afterwards.
class ElftoolOutputFile : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = ::testing::TempDir() + "elftool-output-XXXXXX";
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        ASSERT_NE(::mkdtemp(name.data()), nullptr);
        dir_ = name.data();
    }

    void TearDown() override {
        for (const std::string& entry : entries())
            ::unlink((dir_ + "/" + entry).c_str());
        ::rmdir((dir_ + "/sub").c_str());
        ::rmdir(dir_.c_str());
    }

    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        DIR* dir = ::opendir(dir_.c_str());
        if (dir == nullptr)
            return names;
        while (dirent* entry = ::readdir(dir)) {
            std::string name = entry->d_name;
            if (name != "." && name != "..")
                names.push_back(name);
        }
        ::closedir(dir);
        return names;
    }

    static std::string contents(const std::string& path) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::string dir_;
};

TEST_F(ElftoolOutputFile, CreatesTheFileAndNothingElse) {
    std::string path = dir_ + "/out.c";
    auto written = write_file_atomically(path, "int x;\n");
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(contents(path), "int x;\n");
    EXPECT_EQ(entries(), std::vector<std::string>{"out.c"});
}

TEST_F(ElftoolOutputFile, ReplacesAnExistingFile) {
    std::string path = dir_ + "/out.c";
    ASSERT_TRUE(write_file_atomically(path, "a much longer old content\n").ok());
    ASSERT_TRUE(write_file_atomically(path, "new\n").ok());
    EXPECT_EQ(contents(path), "new\n");
    EXPECT_EQ(entries(), std::vector<std::string>{"out.c"});
}

TEST_F(ElftoolOutputFile, UsesTheUmaskNotMkstempsMode) {
    mode_t old_mask = ::umask(022);
    std::string path = dir_ + "/out.c";
    auto written = write_file_atomically(path, "x");
    ::umask(old_mask);
    ASSERT_TRUE(written.ok()) << written.error().message;
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0644u);
}

TEST_F(ElftoolOutputFile, MissingDirectoryIsAnError) {
    std::string path = dir_ + "/nowhere/out.c";
    auto written = write_file_atomically(path, "x");
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().message,
              "cannot create " + path + ".tmp.XXXXXX: No such file or directory: "
              "check that the directory of " + path + " exists and is writable");
    EXPECT_TRUE(entries().empty());
}

TEST_F(ElftoolOutputFile, RenameFailureLeavesNoTemporaryFile) {
    std::string path = dir_ + "/sub";
    ASSERT_EQ(::mkdir(path.c_str(), 0755), 0);
    auto written = write_file_atomically(path, "x");
    ASSERT_FALSE(written.ok());
    EXPECT_NE(written.error().message.find("check that " + path + " is not a directory"),
              std::string::npos)
        << written.error().message;
    EXPECT_EQ(entries(), std::vector<std::string>{"sub"});
}

TEST_F(ElftoolOutputFile, ReadsAWholeFile) {
    std::string path = dir_ + "/in.json";
    std::string big(200000, 'j');
    ASSERT_TRUE(write_file_atomically(path, big).ok());
    auto read = read_whole_file(path, big.size());
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(*read, big);
}

TEST_F(ElftoolOutputFile, RefusesAFileOverTheLimit) {
    std::string path = dir_ + "/in.json";
    ASSERT_TRUE(write_file_atomically(path, std::string(200001, 'j')).ok());
    auto read = read_whole_file(path, 200000);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().message, path + " is larger than 200000 bytes: check the path");
}

TEST_F(ElftoolOutputFile, ReadingAMissingFileSaysWhy) {
    std::string path = dir_ + "/absent.json";
    auto read = read_whole_file(path, 100);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().message,
              "cannot open " + path + ": No such file or directory: check the path");
}

}  // namespace
}  // namespace tenor::elftool
