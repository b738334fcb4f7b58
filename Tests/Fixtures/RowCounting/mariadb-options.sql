/*M!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.18-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	10.11.18-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Current Database: `shop`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */;

USE `shop`;

--
-- Sequence structure for `s1`
--

DROP SEQUENCE IF EXISTS `s1`;
CREATE SEQUENCE `s1` start with 1 minvalue 1 maxvalue 9223372036854775806 increment by 1 cache 1000 nocycle ENGINE=InnoDB;
DO SETVAL(`s1`, 1, 0);

--
-- Table structure for table `Odd ``Name```
--

DROP TABLE IF EXISTS `Odd ``Name```;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `Odd ``Name``` (
  `v` text DEFAULT NULL,
  `b` blob DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `Odd ``Name```
--

LOCK TABLES `Odd ``Name``` WRITE;
/*!40000 ALTER TABLE `Odd ``Name``` DISABLE KEYS */;
INSERT IGNORE INTO `Odd ``Name``` (`v`, `b`) VALUES ('it\'s (a) test; ok','\0ˇ\n\r\\\'\",();');
INSERT IGNORE INTO `Odd ``Name``` (`v`, `b`) VALUES ('back\\slash\\','x');
INSERT IGNORE INTO `Odd ``Name``` (`v`, `b`) VALUES ('new\nline\r\n',NULL);
INSERT IGNORE INTO `Odd ``Name``` (`v`, `b`) VALUES ('),(','\'),(\'');
INSERT IGNORE INTO `Odd ``Name``` (`v`, `b`) VALUES ('','');
INSERT IGNORE INTO `Odd ``Name``` (`v`, `b`) VALUES (NULL,NULL);
INSERT IGNORE INTO `Odd ``Name``` (`v`, `b`) VALUES ('\\','\\\\');
/*!40000 ALTER TABLE `Odd ``Name``` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `a.b`
--

DROP TABLE IF EXISTS `a.b`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `a.b` (
  `c.d` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `a.b`
--

LOCK TABLES `a.b` WRITE;
/*!40000 ALTER TABLE `a.b` DISABLE KEYS */;
INSERT IGNORE INTO `a.b` (`c.d`) VALUES (1);
INSERT IGNORE INTO `a.b` (`c.d`) VALUES (2);
/*!40000 ALTER TABLE `a.b` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `bin`
--

DROP TABLE IF EXISTS `bin`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `bin` (
  `b` varbinary(300) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `bin`
--

LOCK TABLES `bin` WRITE;
/*!40000 ALTER TABLE `bin` DISABLE KEYS */;
INSERT IGNORE INTO `bin` (`b`) VALUES ('\'');
INSERT IGNORE INTO `bin` (`b`) VALUES ('\\');
INSERT IGNORE INTO `bin` (`b`) VALUES ('\\\'');
INSERT IGNORE INTO `bin` (`b`) VALUES ('\0');
INSERT IGNORE INTO `bin` (`b`) VALUES ('\'\\');
INSERT IGNORE INTO `bin` (`b`) VALUES ('\0	\n\r\Z !\"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ');
/*!40000 ALTER TABLE `bin` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `empty_one`
--

DROP TABLE IF EXISTS `empty_one`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `empty_one` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `empty_one`
--

LOCK TABLES `empty_one` WRITE;
/*!40000 ALTER TABLE `empty_one` DISABLE KEYS */;
/*!40000 ALTER TABLE `empty_one` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 trigger trg after insert on empty_one for each row
INSERT INTO `log` VALUES (1),(2) 
*/;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Table structure for table `items`
--

DROP TABLE IF EXISTS `items`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `items` (
  `id` int(11) NOT NULL,
  `name` text DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `items`
--

LOCK TABLES `items` WRITE;
/*!40000 ALTER TABLE `items` DISABLE KEYS */;
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (1,'item 1');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (2,'item 2');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (3,'item 3');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (4,'item 4');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (5,'item 5');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (6,'item 6');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (7,'item 7');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (8,'item 8');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (9,'item 9');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (10,'item 10');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (11,'item 11');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (12,'item 12');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (13,'item 13');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (14,'item 14');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (15,'item 15');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (16,'item 16');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (17,'item 17');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (18,'item 18');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (19,'item 19');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (20,'item 20');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (21,'item 21');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (22,'item 22');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (23,'item 23');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (24,'item 24');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (25,'item 25');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (26,'item 26');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (27,'item 27');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (28,'item 28');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (29,'item 29');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (30,'item 30');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (31,'item 31');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (32,'item 32');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (33,'item 33');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (34,'item 34');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (35,'item 35');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (36,'item 36');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (37,'item 37');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (38,'item 38');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (39,'item 39');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (40,'item 40');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (41,'item 41');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (42,'item 42');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (43,'item 43');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (44,'item 44');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (45,'item 45');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (46,'item 46');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (47,'item 47');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (48,'item 48');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (49,'item 49');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (50,'item 50');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (51,'item 51');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (52,'item 52');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (53,'item 53');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (54,'item 54');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (55,'item 55');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (56,'item 56');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (57,'item 57');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (58,'item 58');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (59,'item 59');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (60,'item 60');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (61,'item 61');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (62,'item 62');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (63,'item 63');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (64,'item 64');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (65,'item 65');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (66,'item 66');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (67,'item 67');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (68,'item 68');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (69,'item 69');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (70,'item 70');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (71,'item 71');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (72,'item 72');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (73,'item 73');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (74,'item 74');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (75,'item 75');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (76,'item 76');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (77,'item 77');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (78,'item 78');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (79,'item 79');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (80,'item 80');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (81,'item 81');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (82,'item 82');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (83,'item 83');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (84,'item 84');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (85,'item 85');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (86,'item 86');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (87,'item 87');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (88,'item 88');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (89,'item 89');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (90,'item 90');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (91,'item 91');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (92,'item 92');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (93,'item 93');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (94,'item 94');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (95,'item 95');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (96,'item 96');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (97,'item 97');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (98,'item 98');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (99,'item 99');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (100,'item 100');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (101,'item 101');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (102,'item 102');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (103,'item 103');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (104,'item 104');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (105,'item 105');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (106,'item 106');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (107,'item 107');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (108,'item 108');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (109,'item 109');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (110,'item 110');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (111,'item 111');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (112,'item 112');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (113,'item 113');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (114,'item 114');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (115,'item 115');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (116,'item 116');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (117,'item 117');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (118,'item 118');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (119,'item 119');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (120,'item 120');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (121,'item 121');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (122,'item 122');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (123,'item 123');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (124,'item 124');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (125,'item 125');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (126,'item 126');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (127,'item 127');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (128,'item 128');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (129,'item 129');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (130,'item 130');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (131,'item 131');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (132,'item 132');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (133,'item 133');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (134,'item 134');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (135,'item 135');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (136,'item 136');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (137,'item 137');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (138,'item 138');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (139,'item 139');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (140,'item 140');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (141,'item 141');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (142,'item 142');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (143,'item 143');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (144,'item 144');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (145,'item 145');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (146,'item 146');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (147,'item 147');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (148,'item 148');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (149,'item 149');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (150,'item 150');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (151,'item 151');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (152,'item 152');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (153,'item 153');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (154,'item 154');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (155,'item 155');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (156,'item 156');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (157,'item 157');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (158,'item 158');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (159,'item 159');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (160,'item 160');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (161,'item 161');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (162,'item 162');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (163,'item 163');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (164,'item 164');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (165,'item 165');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (166,'item 166');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (167,'item 167');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (168,'item 168');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (169,'item 169');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (170,'item 170');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (171,'item 171');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (172,'item 172');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (173,'item 173');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (174,'item 174');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (175,'item 175');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (176,'item 176');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (177,'item 177');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (178,'item 178');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (179,'item 179');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (180,'item 180');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (181,'item 181');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (182,'item 182');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (183,'item 183');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (184,'item 184');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (185,'item 185');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (186,'item 186');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (187,'item 187');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (188,'item 188');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (189,'item 189');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (190,'item 190');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (191,'item 191');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (192,'item 192');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (193,'item 193');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (194,'item 194');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (195,'item 195');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (196,'item 196');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (197,'item 197');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (198,'item 198');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (199,'item 199');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (200,'item 200');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (201,'item 201');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (202,'item 202');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (203,'item 203');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (204,'item 204');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (205,'item 205');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (206,'item 206');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (207,'item 207');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (208,'item 208');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (209,'item 209');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (210,'item 210');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (211,'item 211');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (212,'item 212');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (213,'item 213');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (214,'item 214');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (215,'item 215');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (216,'item 216');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (217,'item 217');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (218,'item 218');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (219,'item 219');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (220,'item 220');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (221,'item 221');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (222,'item 222');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (223,'item 223');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (224,'item 224');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (225,'item 225');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (226,'item 226');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (227,'item 227');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (228,'item 228');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (229,'item 229');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (230,'item 230');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (231,'item 231');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (232,'item 232');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (233,'item 233');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (234,'item 234');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (235,'item 235');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (236,'item 236');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (237,'item 237');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (238,'item 238');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (239,'item 239');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (240,'item 240');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (241,'item 241');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (242,'item 242');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (243,'item 243');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (244,'item 244');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (245,'item 245');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (246,'item 246');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (247,'item 247');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (248,'item 248');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (249,'item 249');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (250,'item 250');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (251,'item 251');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (252,'item 252');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (253,'item 253');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (254,'item 254');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (255,'item 255');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (256,'item 256');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (257,'item 257');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (258,'item 258');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (259,'item 259');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (260,'item 260');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (261,'item 261');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (262,'item 262');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (263,'item 263');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (264,'item 264');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (265,'item 265');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (266,'item 266');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (267,'item 267');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (268,'item 268');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (269,'item 269');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (270,'item 270');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (271,'item 271');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (272,'item 272');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (273,'item 273');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (274,'item 274');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (275,'item 275');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (276,'item 276');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (277,'item 277');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (278,'item 278');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (279,'item 279');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (280,'item 280');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (281,'item 281');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (282,'item 282');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (283,'item 283');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (284,'item 284');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (285,'item 285');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (286,'item 286');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (287,'item 287');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (288,'item 288');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (289,'item 289');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (290,'item 290');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (291,'item 291');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (292,'item 292');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (293,'item 293');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (294,'item 294');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (295,'item 295');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (296,'item 296');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (297,'item 297');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (298,'item 298');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (299,'item 299');
INSERT IGNORE INTO `items` (`id`, `name`) VALUES (300,'item 300');
/*!40000 ALTER TABLE `items` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `log`
--

DROP TABLE IF EXISTS `log`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `log` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `log`
--

LOCK TABLES `log` WRITE;
/*!40000 ALTER TABLE `log` DISABLE KEYS */;
/*!40000 ALTER TABLE `log` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `new
-- line`
--

DROP TABLE IF EXISTS `new
line`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `new
line` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `new
-- line`
--

LOCK TABLES `new
line` WRITE;
/*!40000 ALTER TABLE `new
line` DISABLE KEYS */;
INSERT IGNORE INTO `new
line` (`x`) VALUES (1);
INSERT IGNORE INTO `new
line` (`x`) VALUES (2);
/*!40000 ALTER TABLE `new
line` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `parted`
--

DROP TABLE IF EXISTS `parted`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `parted` (
  `id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
 PARTITION BY RANGE (`id`)
(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,
 PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB);
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `parted`
--

LOCK TABLES `parted` WRITE;
/*!40000 ALTER TABLE `parted` DISABLE KEYS */;
INSERT IGNORE INTO `parted` (`id`) VALUES (1);
INSERT IGNORE INTO `parted` (`id`) VALUES (20);
INSERT IGNORE INTO `parted` (`id`) VALUES (30);
/*!40000 ALTER TABLE `parted` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `select`
--

DROP TABLE IF EXISTS `select`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `select` (
  `x` varchar(100) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `select`
--

LOCK TABLES `select` WRITE;
/*!40000 ALTER TABLE `select` DISABLE KEYS */;
INSERT IGNORE INTO `select` (`x`) VALUES ('semi;colon');
INSERT IGNORE INTO `select` (`x`) VALUES ('INSERT INTO `items` VALUES (1,2);');
INSERT IGNORE INTO `select` (`x`) VALUES ('\"dq\"');
INSERT IGNORE INTO `select` (`x`) VALUES ('\Z\0');
INSERT IGNORE INTO `select` (`x`) VALUES ('-- Dumping data for table `x`');
/*!40000 ALTER TABLE `select` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Temporary table structure for view `v`
--

DROP TABLE IF EXISTS `v`;
/*!50001 DROP VIEW IF EXISTS `v`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `v` AS SELECT
 NULL AS `id`,
 NULL AS `name` */;
SET character_set_client = @saved_cs_client;

--
-- Table structure for table `vers`
--

DROP TABLE IF EXISTS `vers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `vers` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci WITH SYSTEM VERSIONING;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `vers`
--

LOCK TABLES `vers` WRITE;
/*!40000 ALTER TABLE `vers` DISABLE KEYS */;
INSERT IGNORE INTO `vers` (`x`) VALUES (2);
/*!40000 ALTER TABLE `vers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `√ún√Øc√∂d√© t√†ble`
--

DROP TABLE IF EXISTS `√ún√Øc√∂d√© t√†ble`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `√ún√Øc√∂d√© t√†ble` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `√ún√Øc√∂d√© t√†ble`
--

LOCK TABLES `√ún√Øc√∂d√© t√†ble` WRITE;
/*!40000 ALTER TABLE `√ún√Øc√∂d√© t√†ble` DISABLE KEYS */;
INSERT IGNORE INTO `√ún√Øc√∂d√© t√†ble` (`x`) VALUES (1);
/*!40000 ALTER TABLE `√ún√Øc√∂d√© t√†ble` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping events for database 'shop'
--

--
-- Dumping routines for database 'shop'
--
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `p` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb3 */ ;
/*!50003 SET character_set_results = utf8mb3 */ ;
/*!50003 SET collation_connection  = utf8mb3_general_ci */ ;
DELIMITER ;;
CREATE DEFINER=`root`@`localhost` PROCEDURE `p`()
begin
INSERT INTO `log` VALUES (1),(2);
end
;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Current Database: `other.db`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `other.db` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */;

USE `other.db`;

--
-- Table structure for table `items`
--

DROP TABLE IF EXISTS `items`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `items` (
  `id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `items`
--

LOCK TABLES `items` WRITE;
/*!40000 ALTER TABLE `items` DISABLE KEYS */;
INSERT IGNORE INTO `items` (`id`) VALUES (7);
INSERT IGNORE INTO `items` (`id`) VALUES (8);
INSERT IGNORE INTO `items` (`id`) VALUES (9);
/*!40000 ALTER TABLE `items` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `nothing`
--

DROP TABLE IF EXISTS `nothing`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nothing` (
  `id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `nothing`
--

LOCK TABLES `nothing` WRITE;
/*!40000 ALTER TABLE `nothing` DISABLE KEYS */;
/*!40000 ALTER TABLE `nothing` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping events for database 'other.db'
--

--
-- Dumping routines for database 'other.db'
--

--
-- Current Database: `shop`
--

USE `shop`;

--
-- Final view structure for view `v`
--

/*!50001 DROP VIEW IF EXISTS `v`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb3 */;
/*!50001 SET character_set_results     = utf8mb3 */;
/*!50001 SET collation_connection      = utf8mb3_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `v` AS select `items`.`id` AS `id`,`items`.`name` AS `name` from `items` */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;

--
-- Current Database: `other.db`
--

USE `other.db`;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2026-12-01  2:54:04
